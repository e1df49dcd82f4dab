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
import java.util.Map;

/**
 * An entity's {@link Activity}: totals from the rollups (primary key ranges), countries from table sale through its
 * entity indexes (the rollups hold one dimension each), signals from table signal.
 */
@Singleton
public class ActivityQuery {

    /** Without {@code from}, the last 30 days. */
    static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    private static final int TOP_COUNTRIES = 10;
    private static final int LATEST_SIGNALS = 10;

    /**
     * Per dimension: the sales of one entity, as the transformer counts them (indexes sale_artist_id_idx,
     * sale_label_id_idx, sale_release_url_idx). A release's sales are those naming its page, also before it is read.
     */
    private static final Map<String, String> SALES_OF = Map.of(
            "artist", "s.artist_id = ?",
            "label", "s.label_id = ?",
            "release", "s.release_url = (SELECT url FROM release WHERE release_id = ?)",
            "tag", "s.release_id IN (SELECT release_id FROM release_tag WHERE tag = ? AND role = 'descriptive')",
            "genre", "s.release_id IN (SELECT release_id FROM release WHERE genre = ?)");

    private static final String COUNTRIES = """
            SELECT t.id, coalesce(c.name, t.id) AS name, t.units, t.revenue_usd, t.carts
            FROM (SELECT coalesce(nullif(upper(btrim(s.country_code)), ''), 'unknown') AS id, count(*) AS units,
                         sum(s.amount_paid_usd) AS revenue_usd, count(DISTINCT s.event_id) AS carts
                  FROM sale s WHERE %s AND s.sold_at >= ? AND s.sold_at < ?
                  GROUP BY 1 ORDER BY revenue_usd DESC, units DESC, id LIMIT %d) AS t
            LEFT JOIN country c ON c.code = t.id
            ORDER BY t.revenue_usd DESC, t.units DESC, t.id""";

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
        String tiles = range.union("units, revenue_usd, carts", dimension, entityId, parameters);
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
        List<Activity.CountryTotal> countries = jdbc.query(COUNTRIES.formatted(SALES_OF.get(dimension), TOP_COUNTRIES),
                List.of(entityId, range.from(), range.to()), row -> new Activity.CountryTotal(row.getString("id"),
                        row.getString("name"), row.getLong("units"), row.getBigDecimal("revenue_usd"), row.getLong("carts")));
        return new Activity(totals, countries,
                signals.page(null, dimension, entityId, null, null, LATEST_SIGNALS).items());
    }
}
