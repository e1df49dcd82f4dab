package io.tracktion.api.trending;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * One place of a chart.
 *
 * @param rank         1 is the top
 * @param previousRank the rank over the period before (the hour or 24 hours before), null if it was not charted
 * @param id           the entity's id: stable id for artists, releases and labels, canonical name for genres and tags
 * @param units        items sold over the period
 * @param revenueUsd   USD over the period, decimal
 */
@Serdeable
public record TrendingEntry(int rank, @Nullable Integer previousRank, String id, String name, long units,
                            BigDecimal revenueUsd) {
}
