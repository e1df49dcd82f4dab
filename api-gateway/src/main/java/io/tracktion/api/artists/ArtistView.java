package io.tracktion.api.artists;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tracktion.api.entities.Activity;
import io.tracktion.api.signals.SignalView;
import java.time.Instant;
import java.util.List;

/**
 * An artist as {@code GET /api/v1/artists/{id}} shows it.
 *
 * @param id           the stable id derived from its site's root URL (for an artist without a site of its own, its
 *                     label's root URL and its name)
 * @param url          that root URL
 * @param name         its latest display name
 * @param names        every display name seen, latest first
 * @param totals       its sales in the period asked ({@code from}, {@code to}; the last 30 days by default)
 * @param topCountries its buyers' countries in that period
 * @param signals      its latest signals
 */
@Serdeable
public record ArtistView(String id, String url, String name, @Nullable Long bandId, @Nullable String location,
                         List<Name> names, @Nullable Activity.Totals totals, List<Activity.CountryTotal> topCountries,
                         List<SignalView> signals) {

    @Serdeable
    public record Name(String name, Instant firstSeenAt, Instant lastSeenAt) {
    }

    ArtistView with(Activity activity) {
        return new ArtistView(id, url, name, bandId, location, names, activity.totals(), activity.topCountries(),
                activity.signals());
    }

    /** {@code GET /api/v1/artists?url=}: a list, as a label's site holds every artist without a site of its own. */
    @Serdeable
    public record Items(List<ArtistView> items) {
    }
}
