package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.params.Dimensions;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import io.tracktion.api.params.Period;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Turns the parameters of a top list into its query: the dimension, the range cut into rollup windows, the order. */
@Singleton
public class TopLists {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final TopQuery query;
    private final Clock clock = Clock.systemUTC();

    public TopLists(TopQuery query) {
        this.query = query;
    }

    /**
     * @param dimension artists, releases, labels, genres, tags, countries or kinds (or the singular)
     * @param from      ISO-8601, inclusive; all time when absent
     * @param to        ISO-8601, exclusive; now when absent
     */
    public TopList top(String dimension, @Nullable String from, @Nullable String to, @Nullable String by,
                       @Nullable String limit) {
        String stored = Dimensions.stored(dimension);
        if (stored == null) {
            throw new InvalidParameterException("dimension", "must be one of artists, releases, labels, genres, tags,"
                    + " countries, kinds; got " + Params.quoted(dimension));
        }
        Ranking ranking = Ranking.fromParameter(by);
        int size = Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Period period = Params.period(from, to).closed(clock.instant(), null); // all time until now by default
        RollupTiles range = RollupTiles.cover(period.from(), period.to(), query.minutesKeptSince());
        return new TopList(range.from(), range.to(), query.top(stored, range, ranking, size));
    }
}
