package io.tracktion.api.labels;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tracktion.api.entities.Activity;
import io.tracktion.api.signals.SignalView;
import java.util.List;

/**
 * A label as {@code GET /api/v1/labels/{id}} shows it.
 *
 * @param id           the stable id derived from its site's root URL
 * @param totals       its sales in the period asked ({@code from}, {@code to}; the last 30 days by default)
 * @param topCountries its buyers' countries in that period
 * @param signals      its latest signals
 */
@Serdeable
public record LabelView(String id, String url, String name, @Nullable Long bandId, @Nullable String location,
                        @Nullable Activity.Totals totals, List<Activity.CountryTotal> topCountries,
                        List<SignalView> signals) {

    LabelView with(Activity activity) {
        return new LabelView(id, url, name, bandId, location, activity.totals(), activity.topCountries(),
                activity.signals());
    }
}
