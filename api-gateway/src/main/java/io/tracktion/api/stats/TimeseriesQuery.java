package io.tracktion.api.stats;

import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A timeseries from the rollup tables (stats_minute, stats_hour, stats_day): their primary key, never table sale. */
@Singleton
public class TimeseriesQuery {

    private static final BigDecimal ZERO = new BigDecimal("0.0000");

    private final Jdbc jdbc;

    public TimeseriesQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @param starts the windows' starts, oldest first; the points come in the same order, zeros where none sold */
    public Timeseries series(StatsInterval interval, String dimension, String entityId, List<Instant> starts) {
        String sql = "SELECT window_start, units, revenue_usd, carts FROM " + interval.table()
                + " WHERE dimension = ? AND entity_id = ? AND window_start >= ? AND window_start <= ?";
        Map<Instant, Timeseries.Point> found = new HashMap<>();
        jdbc.query(sql, List.of(dimension, entityId, Timestamp.from(starts.get(0)),
                Timestamp.from(starts.get(starts.size() - 1))), row -> {
            Instant start = Jdbc.instant(row, "window_start");
            found.put(start, new Timeseries.Point(start, row.getLong("units"), row.getBigDecimal("revenue_usd"),
                    row.getLong("carts")));
            return start;
        });
        List<Timeseries.Point> points = new ArrayList<>(starts.size());
        for (Instant start : starts) {
            points.add(found.getOrDefault(start, new Timeseries.Point(start, 0, ZERO, 0)));
        }
        return new Timeseries(interval.id(), points);
    }
}
