package io.tracktion.alerts.webhooks;

import io.micronaut.json.JsonMapper;
import io.tracktion.alerts.delivery.DeliveryException;
import io.tracktion.alerts.delivery.Texts;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts messages to subscribers' webhooks, in the format each asked for: {@code slack} (incoming webhooks),
 * {@code discord} or {@code json}.
 * <p>
 * Every request carries {@code X-Tracktion-Delivery}, the message's id: the same when a message is sent again, so a
 * receiver can drop a repeat. A {@code json} message is also signed, so its receiver can tell it comes from here:
 * <ul>
 *   <li>{@code X-Tracktion-Timestamp}: when it was sent, in seconds since the epoch;</li>
 *   <li>{@code X-Tracktion-Signature}: {@code sha256=} and the lower-case hex HMAC-SHA256 of the timestamp, a
 *       {@code .} and the raw request body, keyed with the UTF-8 bytes of the secret the subscription was given.</li>
 * </ul>
 * A receiver computes the same HMAC over the body as it arrived, compares it in constant time, and refuses a
 * timestamp more than a few minutes off (a replayed message).
 * <p>
 * Redirects are followed here, at most {@value #MAX_REDIRECTS}, each checked by {@link WebhookGuard} like the first
 * URL. 301, 302, 307 and 308 repeat the POST; 303 means the message was taken and is followed with a GET. Each
 * request, answer included, must be done within the request timeout; at most {@value #MAX_RESPONSE} bytes of an
 * answer are read.
 * <p>
 * Outcomes: 2xx delivered. 408, 429, 5xx, timeouts and network errors are tried again later. Any other answer
 * (404 and 410 as well: the webhook was deleted) is permanent, as is a URL refused by the guard.
 */
@Singleton
public class WebhookSender {

    static final int MAX_REDIRECTS = 3;
    static final int MAX_RESPONSE = 64 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String USER_AGENT = "Tracktion-Alerts/1";

    private final WebhookGuard guard;
    private final WebhookBodies bodies;
    private final Duration requestTimeout;
    private final HttpClient client;

    @Inject
    public WebhookSender(WebhookGuard guard, JsonMapper json) {
        this(guard, json, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    WebhookSender(WebhookGuard guard, JsonMapper json, Duration connectTimeout, Duration requestTimeout) {
        this.guard = guard;
        this.bodies = new WebhookBodies(json);
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what every receiver speaks; no h2c upgrade attempts on http
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * @param format slack, discord or json
     * @param secret the subscription's key for the json format's HMAC-SHA256 signature
     */
    public void send(URI url, String format, String secret, WebhookMessage message) throws DeliveryException {
        WebhookBodies.Body body = bodies.of(format, secret, message, Instant.now());
        URI target = url;
        boolean post = true;
        for (int redirects = 0; ; redirects++) {
            guard.addressesToCall(target);
            HttpResponse<byte[]> response = exchange(target, post, body, message);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                outcome(target, response);
                return;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new DeliveryException("the webhook redirected more than " + MAX_REDIRECTS + " times", true, null);
            }
            target = location(target, response);
            post = post && status != 303;
        }
    }

    private HttpResponse<byte[]> exchange(URI url, boolean post, WebhookBodies.Body body, WebhookMessage message)
            throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url) // scheme and host are checked by the guard
                .header("User-Agent", USER_AGENT).header("X-Tracktion-Delivery", message.deliveryId().toString());
        body.headers().forEach(request::header);
        if (post) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        } else {
            request.GET();
        }
        CompletableFuture<HttpResponse<byte[]>> response =
                client.sendAsync(request.build(), CappedBody.handler(MAX_RESPONSE));
        try {
            return response.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new DeliveryException("the webhook at " + url.getHost() + " did not answer within "
                    + requestTimeout.toMillis() + " ms", false, e);
        } catch (ExecutionException e) {
            throw new DeliveryException("cannot reach the webhook at " + url.getHost() + ": " + e.getCause(), false,
                    e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while calling the webhook", false, e);
        }
    }

    private static void outcome(URI url, HttpResponse<byte[]> response) throws DeliveryException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        boolean permanent = status < 500 && status != 408 && status != 429;
        String answer = Texts.oneLine(new String(response.body(), StandardCharsets.UTF_8), 200);
        throw new DeliveryException("the webhook at " + url.getHost() + " answered " + status
                + (answer.isEmpty() ? "" : ": " + answer), permanent, null);
    }

    /** Where a redirect points, relative to the URL that answered it. */
    private static URI location(URI from, HttpResponse<?> response) throws DeliveryException {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new DeliveryException(
                "the webhook answered " + response.statusCode() + " without a Location", true, null));
        try {
            return from.resolve(new URI(location.strip()));
        } catch (URISyntaxException e) {
            throw new DeliveryException("the webhook redirected to an invalid Location", true, e);
        }
    }
}
