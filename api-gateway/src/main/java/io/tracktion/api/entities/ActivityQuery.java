package io.tracktion.api.entities;

import io.tracktion.api.db.Jdbc;
import io.tracktion.api.params.Period;
import io.tracktion.api.signals.SignalsQuery;
import io.tracktion.api.top.RollupTiles;
import io.tracktion.api.top.TopQuery;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity's {@link Activity}: totals and top countries from the rollups (primary key ranges; a window's split by
 * buyer country is in its row), signals from table signal.
 */
@Singleton
public class ActivityQuery {

    /** Without {@code from}, the last 30 days. */
    static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    private static final int TOP_COUNTRIES = 10;
    private static final int LATEST_SIGNALS = 10;

    private static final String COUNTRIES = """
            SELECT t.country AS id, coalesce(c.name, t.country) AS name, t.units, t.revenue_usd, t.carts
            FROM (%s) AS t LEFT JOIN country c ON c.code = t.country
            ORDER BY t.revenue_usd DESC, t.units DESC, t.country LIMIT %d""";

    private final Jdbc jdbc;
    private final TopQuery top;
    private final SignalsQuery signals;
    private final Clock clock = Clock.systemUTC();

    public ActivityQuery(Jdbc jdbc, TopQuery top, SignalsQuery signals) {
        this.jdbc = jdbc;
        this.top = top;
        this.signals = signals;
    }

    /** The sums of the entity's windows that tile the range: a primary-key range per tile. */
    private Activity.Totals totals(String dimension, String entityId, RollupTiles range) {
        List<Object> parameters = new ArrayList<>();
        String tiles = range.union("units, revenue_usd, carts", dimension, List.of(entityId), parameters);
        String sql = "SELECT coalesce(sum(units), 0) AS units, coalesce(sum(revenue_usd), 0.0000) AS revenue_usd,"
                + " coalesce(sum(carts), 0) AS carts FROM (" + tiles + ") AS tiles";
        return jdbc.query(sql, parameters, row -> new Activity.Totals(range.from(), range.to(), row.getLong("units"),
                row.getBigDecimal("revenue_usd"), row.getLong("carts"))).get(0);
    }

    /** @param dimension artist, label, release, tag or genre */
    public Activity of(String dimension, String entityId, Period period) {
        Period closed = period.closed(clock.instant(), DEFAULT_SPAN);
        RollupTiles range = RollupTiles.cover(closed.from(), closed.to(), top.minutesKeptSince());
        Activity.Totals totals = totals(dimension, entityId, range);
        List<Object> parameters = new ArrayList<>();
        String splits = range.countrySplits(dimension, List.of(entityId), parameters);
        List<Activity.CountryTotal> countries = jdbc.query(COUNTRIES.formatted(splits, TOP_COUNTRIES), parameters,
                row -> new Activity.CountryTotal(row.getString("id"),
                        row.getString("name"), row.getLong("units"), row.getBigDecimal("revenue_usd"), row.getLong("carts")));
        return new Activity(totals, countries,
                signals.page(null, dimension, entityId, null, null, LATEST_SIGNALS).items());
    }
}
