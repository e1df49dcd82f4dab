package io.tracktion.ingestor.enrich;

import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.http.BodyTooLargeException;
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
        } catch (BodyTooLargeException e) {
            return new FetchResult.Answered(failed(url, ReleaseStatus.UNREADABLE, 200, "page larger than "
                    + MAX_PAGE_BYTES + " bytes", firstSeenAt, clock.instant()), new byte[0]);
        } catch (IOException e) {
            return new FetchResult.TryAgain(e.getMessage(), Duration.ZERO, true);
        }
        Instant fetchedAt = clock.instant();
        int status = answer.status();
        if (answer.isSuccess() && !samePage(target, answer.finalUri())) {
            // Redirected elsewhere (a renamed slug, the artist's home, a track's album): that page is not this
            // release, and reading it would give this release another's data.
            return new FetchResult.Answered(failed(url, ReleaseStatus.GONE, status, "moved to " + answer.finalUri(),
                    firstSeenAt, fetchedAt), null);
        }
        if (status == 200) {
            try {
                return new FetchResult.Answered(parser.parse(url, answer.body(), answer.charset().orElse(null),
                        fetchedAt, firstSeenAt), null);
            } catch (UnreadablePageException e) {
                return new FetchResult.Answered(failed(url, ReleaseStatus.UNREADABLE, status, e.getMessage(),
                        firstSeenAt, fetchedAt), answer.body());
            } catch (RuntimeException e) { // a page the parser did not foresee: this page's problem, not the fetcher's
                return new FetchResult.Answered(failed(url, ReleaseStatus.UNREADABLE, status, "the parser failed: " + e,
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

    /** The same page: same path, trailing slashes aside (a host may change, e.g. to the artist's custom domain). */
    static boolean samePage(URI asked, URI answered) {
        if (answered == null) {
            return true;
        }
        String a = asked.getRawPath() == null ? "" : asked.getRawPath().replaceAll("/+$", "");
        String b = answered.getRawPath() == null ? "" : answered.getRawPath().replaceAll("/+$", "");
        return a.equals(b);
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
