package io.tracktion.ingestor.feed;

import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.http.CircuitOpenException;
import io.tracktion.ingestor.http.HttpAnswer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The sales feed over {@link BandcampHttp}: errors sorted for retrying. */
public final class HttpSalesFeed implements SalesFeed {

    /** Far more than any window (a few hundred kB at most); anything bigger is not a window. */
    private static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final String baseUrl;
    private final String host;
    private final BandcampHttp http;

    /** @param baseUrl the feed's base URL without trailing slash, e.g. {@code https://bandcamp.com} */
    public HttpSalesFeed(String baseUrl, BandcampHttp http) {
        this.baseUrl = baseUrl;
        this.host = URI.create(baseUrl).getHost();
        this.http = http;
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
        HttpAnswer answer;
        try {
            answer = http.get(uri, host, "application/json", MAX_BODY_BYTES);
        } catch (CircuitOpenException e) {
            throw new FeedUnavailableException(e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedUnavailableException(e.getMessage(), e);
        }
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        int status = answer.status();
        if (status == 429) {
            throw new RateLimitedException("HTTP 429 from " + uri, answer.retryAfter().orElse(null));
        }
        if (!answer.isSuccess()) {
            throw new FeedUnavailableException("HTTP " + status + " from " + uri + ": "
                    + MalformedFeedException.snippet(body), null);
        }
        return FeedParser.parse(body);
    }
}
