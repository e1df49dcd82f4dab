package io.tracktion.api.tags;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tracktion.api.entities.Activity;
import io.tracktion.api.signals.SignalView;
import java.util.List;

/**
 * A tag as {@code GET /api/v1/tags/{id}} shows it.
 *
 * @param id           its canonical name
 * @param tagClass     genre (some release's primary genre), descriptive or location
 * @param dimension    what its totals count: {@code genre} (the sales of releases of that primary genre) for a genre,
 *                     else {@code tag} (the sales of releases tagged with it)
 * @param totals       its sales in the period asked ({@code from}, {@code to}; the last 30 days by default)
 * @param topCountries its buyers' countries in that period
 * @param signals      its latest signals
 */
@Serdeable
public record TagView(String id, String name, String tagClass, String dimension, @Nullable Activity.Totals totals,
                      List<Activity.CountryTotal> topCountries, List<SignalView> signals) {
}
