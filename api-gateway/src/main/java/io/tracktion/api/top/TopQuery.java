package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.db.Jdbc;
import io.tracktion.api.stats.StatsInterval;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * The first entities by the ranking over the range. Summing every entity's windows costs as many rows as entities
     * sold in the range (40,000 artists a day), so first only the best of each window are summed: the {@code depth}
     * best of each day the range touches (of each hour for a range that covers no day whole; indexes
     * stats_day_*_rank_idx, stats_hour_*_rank_idx) are the candidates, and an entity outside all of them has at most
     * the sum of each window's {@code depth}-th value (a window's total bounds any part of it, as no window is
     * negative: a negative contribution only takes back a sale of its own window). When the last entry answered beats
     * that bound, no other entity can reach the list and the answer is exact; else a deeper try, and at last every
     * entity is summed. Of the candidates, only those that can still reach the list by their own listed values are
     * summed ({@link #bestOfEachWindow}). Dimensions of few entities are summed whole at once.
     *
     * @param dimension a stored dimension name (artist, release, label, genre, tag, country, kind)
     */
    public List<TopEntry> top(String dimension, RollupTiles range, Ranking ranking, int limit) {
        return answer(dimension, range, ranking, limit).entries();
    }

    /**
     * The entries; the depth of the try that gave them (0: every entity was summed); of that try, the candidates
     * listed and those whose windows were summed (the others could not reach the list).
     */
    record Answer(List<TopEntry> entries, int depth, int listed, int summed) {
    }

    Answer answer(String dimension, RollupTiles range, Ranking ranking, int limit) {
        if (range.tiles().isEmpty()) {
            return new Answer(List.of(), 0, 0, 0);
        }
        if (!MANY_ENTITIES.contains(dimension)) {
            return new Answer(everyEntity(dimension, range, ranking, limit), 0, 0, 0);
        }
        for (int depth = Math.max(FIRST_DEPTH, 2 * limit); depth <= MAX_DEPTH; depth *= 4) {
            Best best = bestOfEachWindow(dimension, range, ranking, depth, limit);
            // Hours: a deeper try first when its lists are fewer rows than the candidates' windows. With deeper lists
            // the bound falls and the candidates' least (from the hours the range covers whole) rises, so that fewer
            // of them remain to be summed. (Not for days: a range of a few days covers few whole, or none, and going
            // deeper listed more candidates that nothing could rule out.)
            if (best.level() == StatsInterval.HOUR && !best.complete() && depth * 4 <= MAX_DEPTH
                    && (long) best.ids().size() * range.windows() > 4L * depth * best.windows()) {
                continue;
            }
            List<TopEntry> entries = top(dimension, range, ranking, limit, best.ids());
            if (best.complete() || entries.size() == limit
                    && ranking.valueOf(entries.get(limit - 1)).compareTo(best.bound()) > 0) {
                return new Answer(entries, depth, best.listed(), best.ids().size());
            }
        }
        return new Answer(everyEntity(dimension, range, ranking, limit), 0, 0, 0);
    }

    /** The top entries from the sums of every entity sold in the range: the reference the answer must equal. */
    List<TopEntry> everyEntity(String dimension, RollupTiles range, Ranking ranking, int limit) {
        return top(dimension, range, ranking, limit, null);
    }

    /**
     * The dimensions with thousands of entities a day. The others (a few hundred countries, a few dozen genres, four
     * kinds, one store) are summed whole: fewer rows than the tries would read.
     */
    private static final Set<String> MANY_ENTITIES = Set.of("artist", "release", "label", "tag");

    /** How many of each window's best the first try takes, and the most a try takes before summing every entity. */
    static final int FIRST_DEPTH = 50;
    static final int MAX_DEPTH = 3_200;

    /**
     * The best entities of each window the range touches.
     *
     * @param level    the windows listed: hours or days
     * @param ids      the entities among the {@code depth} best of some window that can still reach the list
     * @param listed   how many entities were among the {@code depth} best of some window
     * @param windows  how many windows listed their best
     * @param bound    the most any entity never listed can have in the range
     * @param complete no window had more than {@code depth} entities: every entity that sold was listed
     */
    private record Best(StatsInterval level, List<String> ids, int listed, int windows, BigDecimal bound,
                        boolean complete) {
    }

    private Best bestOfEachWindow(String dimension, RollupTiles range, Ranking ranking, int depth, int limit) {
        // A day's best bound all of that day however little of it the range covers: for 24 hours astride two days,
        // two whole days of each 50th tag were more than a tag list's 10th entry, so every such list needed a deeper
        // try, and a day covered in part gives its candidates no least. A range that covers a day whole is bound by
        // the days, as its whole days are summed from stats_day, which may hold a late sale that its hours do not.
        boolean coversADay = range.tiles().stream().anyMatch(tile -> tile.interval() == StatsInterval.DAY);
        StatsInterval level = coversADay ? StatsInterval.DAY : StatsInterval.HOUR;
        // Days as 24 hours, so the series does not follow the session's time zone over a change of daylight saving.
        // The rows come back to be counted here: the same in SQL (a window function and an aggregate) took ten
        // times as long as reading them.
        String sql = """
                SELECT w.start, b.entity_id, b.value
                FROM generate_series(?::timestamptz, ?::timestamptz, interval '%3$s') AS w (start)
                CROSS JOIN LATERAL (SELECT entity_id, %1$s AS value FROM %2$s
                                    WHERE dimension = ? AND window_start = w.start
                                    ORDER BY %1$s DESC LIMIT ?) AS b""".formatted(ranking.measure, level.table(),
                level == StatsInterval.DAY ? "24 hours" : "1 hour");
        Instant first = level.floor(range.from());
        Instant last = level.floor(range.to().minusNanos(1));
        record Listed(Instant window, String entityId, BigDecimal value) {
        }
        List<Listed> rows = jdbc.query(sql, List.of(first, last, dimension, depth), row -> new Listed(
                Jdbc.instant(row, "start"), row.getString("entity_id"), row.getBigDecimal("value")));
        Map<Instant, Integer> listed = new HashMap<>();
        Map<Instant, BigDecimal> lowest = new HashMap<>();
        for (Listed row : rows) {
            listed.merge(row.window(), 1, Integer::sum);
            lowest.merge(row.window(), row.value(), BigDecimal::min);
        }
        // A window that listed fewer than depth entities listed all of its own: an entity it does not list had nothing.
        Map<Instant, BigDecimal> mostUnlisted = new HashMap<>();
        BigDecimal bound = BigDecimal.ZERO;
        for (Map.Entry<Instant, Integer> window : listed.entrySet()) {
            BigDecimal most = window.getValue() == depth ? lowest.get(window.getKey()).max(BigDecimal.ZERO)
                    : BigDecimal.ZERO;
            mostUnlisted.put(window.getKey(), most);
            bound = bound.add(most);
        }
        // Each candidate's least and most in the range (Fagin's "no random access" bounds): at least its values of the
        // windows the range covers whole and that list it; at most its listed values (a window's total bounds any part
        // of it) and each other window's most for an unlisted entity.
        Map<String, BigDecimal> least = new LinkedHashMap<>();
        Map<String, BigDecimal> most = new HashMap<>();
        for (Listed row : rows) {
            // The least sums the values as they are, so that it never overstates; the most takes a window as at least
            // zero.
            least.merge(row.entityId(), range.covers(level, row.window()) ? row.value() : BigDecimal.ZERO,
                    BigDecimal::add);
            most.merge(row.entityId(), row.value().max(BigDecimal.ZERO).subtract(mostUnlisted.get(row.window())),
                    BigDecimal::add);
        }
        BigDecimal unlistedBound = bound;
        most.replaceAll((id, listedOverUnlisted) -> listedOverUnlisted.add(unlistedBound));
        // At least limit entities have at least the limit-th least: one whose most is below it cannot be listed.
        BigDecimal cut = least.size() < limit ? null
                : least.values().stream().sorted(Comparator.reverseOrder()).skip(limit - 1).findFirst().orElseThrow();
        List<String> ids = least.keySet().stream()
                .filter(id -> cut == null || most.get(id).compareTo(cut) >= 0).toList();
        return new Best(level, ids, least.size(), listed.size(), bound,
                listed.values().stream().allMatch(n -> n < depth));
    }

    /** The top entries among {@code entityIds} (all entities when null), named. */
    private List<TopEntry> top(String dimension, RollupTiles range, Ranking ranking, int limit,
                               @Nullable List<String> entityIds) {
        Naming naming = NAMES.getOrDefault(dimension, UNNAMED);
        List<Object> parameters = new ArrayList<>();
        parameters.add(dimension); // the name's subquery, first in the statement
        String tiles = range.union("entity_id, units, revenue_usd, carts", dimension, entityIds, parameters);
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
