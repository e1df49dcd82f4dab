package io.tracktion.api.top;

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

    /** How a dimension's entities are named: the table joined as {@code d}, and its name and page columns. */
    private record Naming(String join, String name, String url) {
    }

    private static final Naming UNNAMED = new Naming("", "NULL", "NULL");
    private static final Map<String, Naming> NAMES = Map.of(
            "artist", new Naming("LEFT JOIN artist d ON d.artist_id = t.entity_id", "d.name", "d.url"),
            "label", new Naming("LEFT JOIN label d ON d.label_id = t.entity_id", "d.name", "d.url"),
            "release", new Naming("LEFT JOIN release d ON d.release_id = t.entity_id", "d.title", "d.url"),
            "country", new Naming("LEFT JOIN country d ON d.code = t.entity_id", "d.name", "NULL"));

    private final Jdbc jdbc;

    public TopQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Since when every minute rollup is kept: the cutoff the loader's retention last deleted before (table
     * rollup_retention), or the epoch when it never deleted any.
     */
    public Instant minutesKeptSince() {
        List<Instant> cutoff = jdbc.query("SELECT deleted_before FROM rollup_retention WHERE rollup = 'stats_minute'",
                List.of(), row -> Jdbc.instant(row, "deleted_before"));
        return cutoff.isEmpty() ? Instant.EPOCH : cutoff.get(0);
    }

    /** @param dimension a stored dimension name (artist, release, label, genre, tag, country, kind) */
    public List<TopEntry> top(String dimension, RollupTiles range, Ranking ranking, int limit) {
        if (range.tiles().isEmpty()) {
            return List.of();
        }
        Naming naming = NAMES.getOrDefault(dimension, UNNAMED);
        List<Object> parameters = new ArrayList<>();
        parameters.add(dimension); // the name's subquery, first in the statement
        String tiles = range.union("entity_id, units, revenue_usd, carts", dimension, null, parameters);
        // Named after the LIMIT, so only the entries answered are looked up; a name missing from the dimension tables
        // (genres, tags, kinds have none) is the one the transformer last gave the entity.
        String sql = "SELECT t.entity_id, t.units, t.revenue_usd, t.carts, " + naming.url() + " AS url,"
                + " coalesce(" + naming.name() + ", (SELECT h.entity_name FROM stats_hour h WHERE h.dimension = ?"
                + " AND h.entity_id = t.entity_id ORDER BY h.window_start DESC LIMIT 1), t.entity_id) AS name"
                + " FROM (SELECT entity_id, sum(units) AS units, sum(revenue_usd) AS revenue_usd, sum(carts) AS carts"
                + " FROM (" + tiles + ") AS tiles"
                // An entity whose sales were all moved to another (an "unknown" whose release became known) is not
                // listed. WITH TIES: entities tied at the cut all reach the outer query, which breaks the tie by name.
                + " GROUP BY entity_id HAVING sum(units) <> 0 OR sum(revenue_usd) <> 0 ORDER BY " + ranking.orderBy + " FETCH FIRST " + limit + " ROWS WITH TIES) AS t "
                + naming.join()
                + " ORDER BY " + ranking.orderBy.replace("revenue_usd", "t.revenue_usd").replace("units", "t.units")
                + ", name, t.entity_id LIMIT " + limit;
        return jdbc.query(sql, parameters, row -> new TopEntry(row.getString("entity_id"), row.getString("name"),
                row.getString("url"), row.getLong("units"), row.getBigDecimal("revenue_usd"), row.getLong("carts")));
    }
}
