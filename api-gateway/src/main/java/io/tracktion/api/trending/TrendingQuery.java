package io.tracktion.api.trending;

import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.util.List;

/** A store-wide chart from table trending_entry (loaded from topic tracktion.trending). */
@Singleton
public class TrendingQuery {

    private static final String SQL = """
            SELECT rank, previous_rank, entity_id, entity_name, units, revenue_usd FROM trending_entry
            WHERE dimension = ? AND "window" = ? AND scope = 'store' ORDER BY rank LIMIT ?""";

    private final Jdbc jdbc;

    public TrendingQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @param dimension artist, release, label, genre or tag; {@code window} 1h or 24h */
    public List<TrendingEntry> chart(String dimension, String window, int limit) {
        return jdbc.query(SQL, List.of(dimension, window, limit), row -> new TrendingEntry(row.getInt("rank"),
                (Integer) row.getObject("previous_rank"), row.getString("entity_id"), row.getString("entity_name"),
                row.getLong("units"), row.getBigDecimal("revenue_usd")));
    }
}
