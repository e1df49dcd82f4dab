package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The top entities of a dimension over a range, summed from the rollup tables' covering indexes (never table sale),
 * then named from the dimension tables.
 */
@Singleton
public class TopQuery {

    /** Per dimension: the table that names its entities, joined as {@code d}, and its name and page columns. */
    private static final Map<String, String> NAMES = Map.of(
            "artist", "LEFT JOIN artist d ON d.artist_id = t.entity_id|d.name|d.url",
            "label", "LEFT JOIN label d ON d.label_id = t.entity_id|d.name|d.url",
            "release", "LEFT JOIN release d ON d.release_id = t.entity_id|d.title|d.url",
            "country", "LEFT JOIN country d ON d.code = t.entity_id|d.name|NULL");

    private final Jdbc jdbc;

    public TopQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The start of the oldest minute rollup still kept, or null if there is none (one index probe). */
    @Nullable
    public Instant oldestMinute() {
        List<Instant> oldest = jdbc.query("SELECT min(window_start) AS oldest FROM stats_minute WHERE dimension = 'store'",
                List.of(), row -> Jdbc.instant(row, "oldest"));
        return oldest.get(0);
    }

    /** @param dimension a stored dimension name (artist, release, label, genre, tag, country, kind) */
    public List<TopEntry> top(String dimension, RollupTiles range, Ranking ranking, int limit) {
        if (range.tiles().isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>();
        List<String> tiles = new ArrayList<>();
        for (RollupTiles.Tile tile : range.tiles()) {
            tiles.add("SELECT entity_id, units, revenue_usd, carts FROM " + tile.interval().table()
                    + " WHERE dimension = ? AND window_start >= ? AND window_start < ?");
            parameters.addAll(List.of(dimension, tile.from(), tile.to()));
        }
        String[] names = NAMES.getOrDefault(dimension, "|NULL|NULL").split("\\|");
        // Named after the LIMIT, so only the entries answered are looked up; a name missing from the dimension tables
        // (genres, tags, kinds have none) is the one the transformer last gave the entity.
        String sql = "SELECT t.entity_id, t.units, t.revenue_usd, t.carts, " + names[2] + " AS url,"
                + " coalesce(" + names[1] + ", (SELECT h.entity_name FROM stats_hour h WHERE h.dimension = ?"
                + " AND h.entity_id = t.entity_id ORDER BY h.window_start DESC LIMIT 1), t.entity_id) AS name"
                + " FROM (SELECT entity_id, sum(units) AS units, sum(revenue_usd) AS revenue_usd, sum(carts) AS carts"
                + " FROM (" + String.join(" UNION ALL ", tiles) + ") AS tiles"
                // WITH TIES: entities tied at the cut all reach the outer query, which breaks the tie by name.
                + " GROUP BY entity_id ORDER BY " + ranking.orderBy + " FETCH FIRST " + limit + " ROWS WITH TIES) AS t "
                + names[0]
                + " ORDER BY " + ranking.orderBy.replace("revenue_usd", "t.revenue_usd").replace("units", "t.units")
                + ", name, t.entity_id LIMIT " + limit;
        List<Object> all = new ArrayList<>();
        all.add(dimension);
        all.addAll(parameters);
        return jdbc.query(sql, all, row -> new TopEntry(row.getString("entity_id"), row.getString("name"),
                row.getString("url"), row.getLong("units"), row.getBigDecimal("revenue_usd"), row.getLong("carts")));
    }
}
