package io.tracktion.ingestor.enrich;

import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.http.CircuitOpenException;
import io.tracktion.ingestor.http.HttpAnswer;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseStatus;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fetches one release page and reads it. The page's own URL is fetched, or, when {@code pagesBaseUrl} is set
 * ({@code BANDCAMP_PAGES_URL}, the simulator's {@code /_pages}), {@code pagesBaseUrl/<host>/<path>}.
 */
public final class ReleaseFetcher {

    /** Release pages are a few hundred kB; more is not a release page. */
    private static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;

    private final BandcampHttp http;
    private final ReleasePageParser parser;
    private final String pagesBaseUrl;
    private final Clock clock;

    public ReleaseFetcher(BandcampHttp http, ReleasePageParser parser, String pagesBaseUrl, Clock clock) {
        this.http = http;
        this.parser = parser;
        this.pagesBaseUrl = pagesBaseUrl == null || pagesBaseUrl.isBlank() ? null : pagesBaseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** @param url a canonical release URL */
    public FetchResult fetch(String url, Instant firstSeenAt) throws InterruptedException {
        URI page = URI.create(url);
        URI target = pagesBaseUrl == null ? page : URI.create(pagesBaseUrl + "/" + page.getRawAuthority() + page.getRawPath());
        HttpAnswer answer;
        try {
            answer = http.get(target, page.getHost(), "text/html,application/xhtml+xml", MAX_PAGE_BYTES);
        } catch (CircuitOpenException e) {
            return new FetchResult.TryAgain(e.getMessage(), Duration.between(clock.instant(), e.until()), false);
        } catch (IOException e) {
            return new FetchResult.TryAgain(e.getMessage(), Duration.ZERO, true);
        }
        Instant fetchedAt = clock.instant();
        int status = answer.status();
        if (status == 200) {
            try {
                return new FetchResult.Answered(parser.parse(url, answer.body(), answer.charset().orElse(null),
                        fetchedAt, firstSeenAt), null);
            } catch (UnreadablePageException e) {
                return new FetchResult.Answered(failed(url, ReleaseStatus.UNREADABLE, status, e.getMessage(),
                        firstSeenAt, fetchedAt), answer.body());
            }
        }
        if (status == 404 || status == 410) {
            return new FetchResult.Answered(failed(url, ReleaseStatus.GONE, status, "HTTP " + status,
                    firstSeenAt, fetchedAt), null);
        }
        if (status == 429) {
            return new FetchResult.TryAgain("HTTP 429", answer.retryAfter().orElse(Duration.ZERO), false);
        }
        return new FetchResult.TryAgain("HTTP " + status, Duration.ZERO, true);
    }

    /** A release nothing could be read of: every field but the status and its reason stays empty. */
    static Release failed(String url, String status, int httpStatus, String problem, Instant firstSeenAt,
                          Instant fetchedAt) {
        return Release.newBuilder().setUrl(url).setId(EntityIds.release(url)).setStatus(status)
                .setFirstSeenAt(firstSeenAt).setFetchedAt(fetchedAt).setHttpStatus(httpStatus).setProblem(problem)
                .setTracks(List.of()).setFormats(List.of()).build();
    }

    /** The record written with the sale that first names a release. */
    public static Release pending(String url, Instant firstSeenAt) {
        return Release.newBuilder().setUrl(url).setId(EntityIds.release(url)).setStatus(ReleaseStatus.PENDING)
                .setFirstSeenAt(firstSeenAt).setTracks(List.of()).setFormats(List.of()).build();
    }
}
