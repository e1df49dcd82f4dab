package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.stats.StatsInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A time range cut into as few rollup windows as possible: whole days from {@code stats_day}, the hours at its
 * edges from {@code stats_hour} and the minutes at theirs from {@code stats_minute}, so that a total over any range
 * reads at most five index ranges and never the fact table (pure functions).
 *
 * <p>The range is taken to whole minutes: {@code from} rounded down, {@code to} up. Where its edge minutes are no
 * longer kept (older than the loader's minute retention), that edge is taken to the whole hour instead.
 *
 * @param from  the first instant counted, after rounding
 * @param to    the first instant not counted, after rounding
 * @param tiles the windows that cover {@code [from, to)}, each once
 */
public record RollupTiles(Instant from, Instant to, List<Tile> tiles) {

    private static final List<StatsInterval> COARSEST_FIRST = List.of(StatsInterval.DAY, StatsInterval.HOUR,
            StatsInterval.MINUTE);

    /** The windows of one table that start in {@code [from, to)}. */
    public record Tile(StatsInterval interval, Instant from, Instant to) {
    }

    /**
     * @param minutesKeptSince every minute window starting at or after it is kept (null: none is)
     */
    public static RollupTiles cover(Instant from, Instant to, @Nullable Instant minutesKeptSince) {
        if (!from.isBefore(to)) { // an empty range counts nothing, not the minute around it
            Instant at = StatsInterval.MINUTE.floor(from);
            return new RollupTiles(at, at, List.of());
        }
        Instant start = StatsInterval.MINUTE.floor(from);
        Instant end = StatsInterval.MINUTE.ceil(to);
        if (!isWholeHour(start) && !isKept(start, minutesKeptSince)) { // the edge's minutes are [start, next hour)
            start = StatsInterval.HOUR.floor(start);
        }
        if (!isWholeHour(end) && !isKept(StatsInterval.HOUR.floor(end), minutesKeptSince)) { // [hour, end)
            end = StatsInterval.HOUR.ceil(end);
        }
        List<Tile> tiles = new ArrayList<>();
        cut(start, end, 0, tiles);
        return new RollupTiles(start, end, List.copyOf(tiles));
    }

    /**
     * The tiles' rows as one {@code UNION ALL} of {@code SELECT columns FROM <the tile's table>} of a dimension (and of
     * those entities only when {@code entityIds} is not null) in each tile's windows; the parameters are appended to
     * {@code parameters}. No tiles: a select of no rows.
     */
    public String union(String columns, String dimension, @Nullable Collection<String> entityIds,
                        List<Object> parameters) {
        List<String> selects = new ArrayList<>();
        for (Tile tile : tiles) {
            selects.add("SELECT " + columns + " FROM " + tile.interval().table() + " WHERE dimension = ?"
                    + (entityIds == null ? "" : " AND entity_id = ANY(?)") + " AND window_start >= ? AND window_start < ?");
            parameters.add(dimension);
            if (entityIds != null) {
                parameters.add(entityIds.toArray(String[]::new));
            }
            parameters.addAll(List.of(tile.from(), tile.to()));
        }
        return selects.isEmpty() ? "SELECT " + columns + " FROM stats_day WHERE false" : String.join(" UNION ALL ", selects);
    }

    /**
     * The sums of some entities' splits by buyer country (the windows' column {@code by_country}) over the tiles:
     * columns {@code entity_id, country, units, revenue_usd, carts}, a row per entity and country that sold.
     */
    public String countrySplits(String dimension, Collection<String> entityIds, List<Object> parameters) {
        return "SELECT tiles.entity_id, split.key AS country, sum((split.value ->> 'units')::bigint) AS units,"
                + " sum((split.value ->> 'revenue_usd')::numeric) AS revenue_usd,"
                + " sum((split.value ->> 'carts')::bigint) AS carts"
                + " FROM (" + union("entity_id, by_country", dimension, entityIds, parameters) + ") AS tiles"
                + " CROSS JOIN LATERAL jsonb_each(tiles.by_country) AS split GROUP BY 1, 2"
                // A country whose sales were all taken back (refunds) is not listed.
                + " HAVING sum((split.value ->> 'units')::bigint) <> 0 OR sum((split.value ->> 'revenue_usd')::numeric) <> 0";
    }

    private static boolean isWholeHour(Instant instant) {
        return StatsInterval.HOUR.floor(instant).equals(instant);
    }

    private static boolean isKept(Instant minute, @Nullable Instant minutesKeptSince) {
        return minutesKeptSince != null && !minute.isBefore(minutesKeptSince);
    }

    /** Whole windows of the level in the middle, the finer levels for what is left on either side. */
    private static void cut(Instant from, Instant to, int level, List<Tile> tiles) {
        if (!from.isBefore(to)) {
            return;
        }
        StatsInterval interval = COARSEST_FIRST.get(level);
        Instant first = interval.ceil(from);
        Instant last = interval.floor(to);
        if (interval == StatsInterval.MINUTE) { // the range is whole minutes by now
            tiles.add(new Tile(interval, from, to));
        } else if (first.isBefore(last)) {
            cut(from, first, level + 1, tiles);
            tiles.add(new Tile(interval, first, last));
            cut(last, to, level + 1, tiles);
        } else {
            cut(from, to, level + 1, tiles);
        }
    }
}
