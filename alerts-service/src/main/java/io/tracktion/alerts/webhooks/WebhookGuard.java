package io.tracktion.alerts.webhooks;

import io.micronaut.context.annotation.Value;
import io.tracktion.alerts.delivery.DeliveryException;
import io.tracktion.alerts.problem.InvalidRequestException;
import io.tracktion.alerts.subscriptions.WebhookCheck;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs the service calls. Anyone may subscribe a webhook, so the service must not become a way to
 * reach what only it can reach (server-side request forgery): only http and https, a host and no user info, and
 * every address the host resolves to public (see {@link AddressRules}) unless {@code ALERTS_WEBHOOK_ALLOW_PRIVATE}.
 * <p>
 * A URL is checked when subscribed ({@link #check}) and again before every request, the first and each redirect
 * ({@link #addressesToCall}), because a name's DNS answer can change after it was subscribed. The HTTP client looks
 * the name up again itself, but through the same JVM address cache ({@code networkaddress.cache.ttl}, 30 s by
 * default), so it connects to an address just checked.
 */
@Singleton
public class WebhookGuard implements WebhookCheck {

    /** Looks a host name up (DNS); replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Inject
    public WebhookGuard(@Value("${alerts.webhook-allow-private:false}") boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    WebhookGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** When subscribing: the URL as it would be called now. */
    @Override
    public void check(URI url) {
        try {
            allowedAddresses(url);
        } catch (Refusal e) {
            throw InvalidRequestException.of("webhookUrl", e.getMessage());
        }
    }

    /**
     * Before each request to a webhook, redirects included: the addresses its host has now, every one allowed.
     *
     * @throws DeliveryException permanent when the URL is refused; not permanent when the host does not resolve,
     *                           since that may be DNS being away for a while (the retries end it otherwise)
     */
    public List<InetAddress> addressesToCall(URI url) throws DeliveryException {
        try {
            return allowedAddresses(url);
        } catch (Refusal e) {
            throw new DeliveryException("webhook URL refused: " + e.getMessage(), e.permanent, null);
        }
    }

    private List<InetAddress> allowedAddresses(URI url) throws Refusal {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refusal("must use http or https", true);
        }
        if (url.getHost() == null) {
            throw new Refusal("must name a host", true);
        }
        if (url.getRawUserInfo() != null) {
            throw new Refusal("must not contain a user name or password", true);
        }
        String host = url.getHost();
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0];
        }
        if (addresses.length == 0) {
            throw new Refusal("host " + host + " does not resolve", false);
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                Optional<String> kind = AddressRules.refused(address);
                if (kind.isPresent()) {
                    throw new Refusal("must point at a public address, but " + host + " is " + kind.get(), true);
                }
            }
        }
        return List.of(addresses);
    }

    /** Why a URL is not called; not permanent when it may be called later. */
    private static final class Refusal extends Exception {
        private final boolean permanent;

        Refusal(String message, boolean permanent) {
            super(message, null, false, false);
            this.permanent = permanent;
        }
    }
}
