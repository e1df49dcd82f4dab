package io.tracktion.ingestor.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request to Bandcamp goes through here: one {@link RequestPacer} for all of them, a {@code User-Agent}
 * naming Tracktion and its version, a 429's {@code Retry-After} pausing every request, a circuit breaker per
 * host, timeouts for connecting and for the whole answer, and a bounded body. Thread-safe.
 */
public final class BandcampHttp {

    /** A 429 without a readable Retry-After still pauses everything this long. */
    static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(30);
    /** A larger Retry-After is taken as a mistake: waiting more than this would look like an outage. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Duration timeout;
    private final RequestPacer pacer;
    private final CircuitBreakers circuits;
    private final Clock clock;
    private final String userAgent;
    private final HttpClient client;
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    public BandcampHttp(Duration timeout, RequestPacer pacer, CircuitBreakers circuits, Clock clock, String userAgent) {
        this.timeout = timeout;
        this.pacer = pacer;
        this.circuits = circuits;
        this.clock = clock;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * GETs {@code uri}. {@code host} is the host the request is really for, whose circuit it uses (the page's,
     * when pages are fetched through a stand-in such as the simulator).
     *
     * @throws CircuitOpenException the host's circuit is open: nothing was sent
     * @throws IOException          no complete answer: connection, timeout, a body over {@code maxBytes}
     */
    public HttpAnswer get(URI uri, String host, String accept, long maxBytes)
            throws CircuitOpenException, IOException, InterruptedException {
        // The turn first, then the circuit: a trial request must not wait out a pause while holding the circuit.
        pacer.acquire();
        circuits.allow(host);
        boolean judged = false;
        try {
            requests.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(timeout)
                    .header("User-Agent", userAgent)
                    .header("Accept", accept)
                    .build();
            CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, BoundedBody.handler(maxBytes));
            HttpResponse<byte[]> response;
            try {
                // The request timeout ends at the response headers; this bounds the body as well.
                response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exchange.cancel(true);
                circuits.failed(host);
                judged = true;
                throw new IOException("no complete answer from " + uri + " within " + timeout, e);
            } catch (InterruptedException e) {
                exchange.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof BodyTooLargeException tooLarge) {
                    circuits.succeeded(host); // the host is up; the answer is just not one we take
                    judged = true;
                    throw tooLarge;
                }
                circuits.failed(host);
                judged = true;
                throw new IOException(uri + " failed: " + (cause instanceof IOException ? cause.toString() : "unexpected " + cause), cause);
            }
            int status = response.statusCode();
            var retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                    .map(wait -> wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
            if (status == 429) {
                rateLimited.incrementAndGet();
                pacer.pause(retryAfter.orElse(DEFAULT_RATE_LIMIT_PAUSE));
                circuits.succeeded(host); // the host is up, and says how long to wait
            } else if (status >= 500) {
                circuits.failed(host);
            } else {
                circuits.succeeded(host);
            }
            judged = true;
            return new HttpAnswer(status, response.body(), response.headers().firstValue("Content-Type").orElse(null),
                    retryAfter, response.uri());
        } finally {
            if (!judged) {
                circuits.abandoned(host); // interrupted or broken before an answer: no verdict on the host
            }
        }
    }

    public CircuitBreakers circuits() {
        return circuits;
    }

    public RequestPacer pacer() {
        return pacer;
    }

    /** Requests sent, and how many of them were answered 429. */
    public long requestsSent() {
        return requests.get();
    }

    public long rateLimitedAnswers() {
        return rateLimited.get();
    }
}
