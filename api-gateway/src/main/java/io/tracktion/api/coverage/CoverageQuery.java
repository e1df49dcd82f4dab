package io.tracktion.api.coverage;

import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Coverage per UTC hour from tables feed_window, feed_gap and stats_hour; every hour of the range, zeros too. Sales
 * per hour are the store's hour rollup, and those not enriched yet are the hour's artist {@code unknown}: the
 * transformer counts a sale for its artist once its release page is read, and re-attributes it then. Two index
 * lookups per hour instead of a scan of the hour's sales.
 */
@Singleton
public class CoverageQuery {

    private static final String SQL = """
            WITH hours AS (
                SELECT generate_series(?::timestamptz, ?::timestamptz - interval '1 hour', interval '1 hour') AS start),
            received AS (
                SELECT date_trunc('hour', start_date, 'UTC') AS start, count(*) AS windows, sum(items) AS items
                FROM feed_window WHERE start_date >= ? AND start_date < ? GROUP BY 1),
            gaps AS (
                SELECT h.start, count(*) AS gaps, count(*) FILTER (WHERE NOT g.closed) AS open_gaps
                FROM hours h JOIN feed_gap g ON g.from_date < h.start + interval '1 hour' AND g.to_date > h.start
                GROUP BY 1),
            sold AS (
                SELECT window_start AS start,
                       coalesce(sum(units) FILTER (WHERE dimension = 'store'), 0) AS sales,
                       coalesce(sum(units) FILTER (WHERE dimension = 'store'), 0)
                           - coalesce(sum(units) FILTER (WHERE dimension = 'artist'), 0) AS enriched
                FROM stats_hour
                WHERE ((dimension = 'store' AND entity_id = 'all') OR (dimension = 'artist' AND entity_id = 'unknown'))
                  AND window_start >= ? AND window_start < ?
                GROUP BY 1)
            SELECT h.start, coalesce(w.windows, 0) AS windows, coalesce(w.items, 0) AS items,
                   coalesce(g.gaps, 0) AS gaps, coalesce(g.open_gaps, 0) AS open_gaps,
                   coalesce(s.sales, 0) AS sales, coalesce(s.enriched, 0) AS enriched
            FROM hours h
            LEFT JOIN received w ON w.start = h.start
            LEFT JOIN gaps g ON g.start = h.start
            LEFT JOIN sold s ON s.start = h.start
            ORDER BY h.start""";

    private final Jdbc jdbc;

    public CoverageQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @param from and {@code to} whole UTC hours, {@code from} before {@code to} */
    public Coverage hours(Instant from, Instant to) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        List<Coverage.Hour> hours = jdbc.query(SQL, List.of(start, end, start, end, start, end), row -> {
            long sales = row.getLong("sales");
            long enriched = row.getLong("enriched");
            BigDecimal share = sales == 0 ? null
                    : BigDecimal.valueOf(enriched).divide(BigDecimal.valueOf(sales), 3, RoundingMode.HALF_UP);
            return new Coverage.Hour(Jdbc.instant(row, "start"), row.getLong("windows"), row.getLong("items"),
                    row.getLong("gaps"), row.getLong("open_gaps"), sales, enriched, share);
        });
        return new Coverage(from, to, hours);
    }
}
