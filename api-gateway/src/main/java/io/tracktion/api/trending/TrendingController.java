package io.tracktion.api.trending;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.Dimensions;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import java.util.List;

/**
 * {@code GET /api/v1/trending/{dimension}?window=1h|24h&limit}: the store-wide chart of artists, releases, labels,
 * genres or tags over the last hour or 24 hours, as the transformer last wrote it (table trending_entry), with each
 * entry's rank in the period before. {@code window} defaults to 24h, {@code limit} to 20 (a chart's size).
 */
@Controller("/api/v1/trending")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrendingController {

    /** The dimensions that have charts. */
    private static final List<String> CHARTED = List.of("artist", "release", "label", "genre", "tag");
    private static final List<String> WINDOWS = List.of("1h", "24h");

    private final TrendingQuery trending;

    public TrendingController(TrendingQuery trending) {
        this.trending = trending;
    }

    @Get("/{dimension}")
    public List<TrendingEntry> chart(@PathVariable String dimension, @QueryValue @Nullable String window,
                                     @QueryValue @Nullable String limit) {
        String chartDimension = Dimensions.stored(dimension);
        if (chartDimension == null || !CHARTED.contains(chartDimension)) {
            throw new InvalidParameterException("dimension", "must be one of artists, releases, labels, genres, tags;"
                    + " got " + Params.quoted(dimension));
        }
        String period = Params.optional(window) == null ? "24h" : window.trim();
        if (!WINDOWS.contains(period)) {
            throw new InvalidParameterException("window", "must be 1h or 24h, got " + Params.quoted(window));
        }
        return trending.chart(chartDimension, period, Params.limit(limit, 20, 20));
    }
}
