package io.tracktion.ingestor.feed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The sales feed over HTTP with the JDK client: timeouts, a bounded body, and errors sorted for retrying. */
public final class HttpSalesFeed implements SalesFeed {

    public static final String USER_AGENT =
            "tracktion-ingestor/0.1.0 (Bandcamp sales analytics; reads the public sales feed about once a minute)";

    /** Far more than any window (a few hundred kB at most); anything bigger is not a window. */
    private static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final String baseUrl;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    /**
     * @param baseUrl the feed's base URL without trailing slash, e.g. {@code https://bandcamp.com}
     * @param timeout bound for connecting and for a whole request
     */
    public HttpSalesFeed(String baseUrl, Duration timeout, Clock clock) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public FeedWindow initial() throws FeedException, InterruptedException {
        return fetch(URI.create(baseUrl + "/api/salesfeed/1/get_initial"));
    }

    @Override
    public FeedWindow after(long startDate) throws FeedException, InterruptedException {
        return fetch(URI.create(baseUrl + "/api/salesfeed/1/get?start_date=" + startDate));
    }

    private FeedWindow fetch(URI uri) throws FeedException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .build());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status == 429) {
            String header = response.headers().firstValue("Retry-After").orElse(null);
            throw new RateLimitedException("HTTP 429 from " + uri + " (Retry-After: " + header + ")",
                    RetryAfter.parse(header, clock.instant()).orElse(null));
        }
        if (status < 200 || status > 299) {
            throw new FeedUnavailableException("HTTP " + status + " from " + uri + ": "
                    + MalformedFeedException.snippet(body), null);
        }
        return FeedParser.parse(body);
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws FeedUnavailableException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, BoundedBody.handler(MAX_BODY_BYTES));
        try {
            // The request timeout ends at the response headers; this bounds the body as well.
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FeedUnavailableException("no complete answer from " + request.uri() + " within " + timeout, e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String what = cause instanceof IOException ? cause.toString() : "unexpected " + cause;
            throw new FeedUnavailableException(request.uri() + " failed: " + what, cause);
        }
    }
}
