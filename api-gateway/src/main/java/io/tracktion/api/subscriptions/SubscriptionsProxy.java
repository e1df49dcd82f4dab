package io.tracktion.api.subscriptions;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.tracktion.problem.Problem;
import java.net.URI;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The gateway is the one door for clients: {@code /api/v1/subscriptions} and everything under it is answered by
 * alerts-service ({@code ALERTS_URL}), forwarded as it came (method, path, query, headers, body) and answered as it
 * answers. When it cannot be reached, the client gets a 503 problem instead of a hanging request.
 */
@Filter({"/api/v1/subscriptions", "/api/v1/subscriptions/**"})
public class SubscriptionsProxy implements HttpServerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsProxy.class);

    private final ProxyHttpClient client;
    private final URI alerts;

    public SubscriptionsProxy(@Client ProxyHttpClient client, @Value("${alerts.url}") URI alerts) {
        this.client = client;
        this.alerts = alerts;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return Flux.from(client.proxy(request.mutate()
                        .uri(uri -> uri.scheme(alerts.getScheme()).host(alerts.getHost()).port(alerts.getPort()))))
                .onErrorResume(e -> {
                    LOG.warn("Cannot forward {} {} to alerts-service at {}: {}", request.getMethod(), request.getPath(),
                            alerts, e.toString());
                    return Flux.just(unavailable());
                });
    }

    private static MutableHttpResponse<?> unavailable() {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        return HttpResponse.status(status).contentType(Problem.MEDIA_TYPE)
                .body(new Problem("about:blank", status.getReason(), status.getCode(),
                        "The alerts service cannot be reached now; try again shortly."));
    }
}
