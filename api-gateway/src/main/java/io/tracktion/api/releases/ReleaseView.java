package io.tracktion.api.releases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tracktion.api.entities.Activity;
import io.tracktion.api.signals.SignalView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A release as {@code GET /api/v1/releases} shows it. What Tracktion could not read is null (or an empty list),
 * never a value from another release.
 *
 * @param id          the stable id derived from the URL
 * @param url         the canonical page URL
 * @param kind        album, track or merch
 * @param artist      the artist: an artist is its site's URL, never its name
 * @param label       the label, when the publisher is not the artist
 * @param genre       the primary genre's canonical name
 * @param tags        descriptive tags, canonical names, page order
 * @param location    the artist's location as the page names it
 * @param countryCode that location's country, ISO 3166 alpha-2
 * @param status      known, pending (not fetched yet), gone (404 or 410) or unreadable
 * @param fetchedAt   when the page was last fetched
 * @param firstSeenAt when a sale first named it
 * @param problem     why it is gone or unreadable
 * @param totals       its sales in the period asked ({@code from}, {@code to}; the last 30 days by default)
 * @param topCountries its buyers' countries in that period
 * @param signals      its latest signals
 */
@Serdeable
public record ReleaseView(String id, String url, @Nullable String kind, @Nullable String title,
                          @Nullable Artist artist, @Nullable Label label, @Nullable String genre, List<String> tags,
                          @Nullable String location, @Nullable String countryCode, @Nullable LocalDate releaseDate,
                          @Nullable Integer trackCount, @Nullable String albumUrl, @Nullable String albumTitle,
                          String status, @Nullable Instant fetchedAt, Instant firstSeenAt, @Nullable String problem,
                          @Nullable Activity.Totals totals, List<Activity.CountryTotal> topCountries,
                          List<SignalView> signals) {

    /** This release with what it sold and what was noticed about it. */
    public ReleaseView with(Activity activity) {
        return new ReleaseView(id, url, kind, title, artist, label, genre, tags, location, countryCode, releaseDate,
                trackCount, albumUrl, albumTitle, status, fetchedAt, firstSeenAt, problem, activity.totals(),
                activity.topCountries(), activity.signals());
    }

    @Serdeable
    public record Artist(String id, String name, String url, @Nullable String location) {
    }

    @Serdeable
    public record Label(String id, String name, String url) {
    }

    /** {@code GET /api/v1/releases?url=}: a list, so that an unknown URL is an empty one. */
    @Serdeable
    public record Items(List<ReleaseView> items) {
    }
}
