package io.tracktion.ingestor;

import java.time.Duration;

/**
 * Settings of release enrichment and of politeness towards Bandcamp, checked at startup.
 *
 * @param requestsPerSecond {@code BANDCAMP_REQUESTS_PER_SECOND}: every request to Bandcamp, feed and pages together
 * @param pagesBaseUrl      {@code BANDCAMP_PAGES_URL}: where release pages are fetched instead of their own URL
 *                          ({@code <it>/<host>/<path>}, the simulator's {@code /_pages}); null for their own URL
 * @param refreshAfter      {@code ENRICH_REFRESH_AFTER}: a release page older than this is fetched again
 */
public record EnrichmentSettings(double requestsPerSecond, String pagesBaseUrl, Duration refreshAfter) {

    public static EnrichmentSettings of(String requestsPerSecond, String pagesBaseUrl, String refreshAfter) {
        double rate;
        try {
            rate = Double.parseDouble(requestsPerSecond.trim());
        } catch (NumberFormatException | NullPointerException e) {
            rate = Double.NaN;
        }
        if (!(rate > 0) || rate > 1000) {
            throw new IllegalArgumentException("BANDCAMP_REQUESTS_PER_SECOND must be a number above 0 and at most 1000"
                    + " (e.g. 1 or 0.5), not '" + requestsPerSecond + "'");
        }
        String pages = pagesBaseUrl == null || pagesBaseUrl.isBlank() ? null
                : IngestorSettings.baseUrl(pagesBaseUrl, "BANDCAMP_PAGES_URL");
        return new EnrichmentSettings(rate, pages, IngestorSettings.duration("ENRICH_REFRESH_AFTER", refreshAfter));
    }
}
