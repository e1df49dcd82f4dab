package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.stats.StatsInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * A time range cut into as few rollup windows as possible: whole days from {@code stats_day}, the hours at its
 * edges from {@code stats_hour} and the minutes at theirs from {@code stats_minute}, so that a total over any range
 * reads at most five index ranges and never the fact table (pure functions).
 *
 * <p>The range is taken to whole minutes: {@code from} rounded down, {@code to} up. Where its edge minutes are no
 * longer kept (older than the loader's minute retention), that edge is taken to the whole hour instead.
 *
 * @param from             the first instant counted, after rounding
 * @param to               the first instant not counted, after rounding
 * @param tiles            the windows that cover {@code [from, to)}, each once
 * @param minutesKeptSince every minute window starting at or after it is kept (null: none is)
 */
public record RollupTiles(Instant from, Instant to, List<Tile> tiles, @Nullable Instant minutesKeptSince) {

    private static final List<StatsInterval> COARSEST_FIRST = List.of(StatsInterval.DAY, StatsInterval.HOUR,
            StatsInterval.MINUTE);

    /** The windows of one table that start in {@code [from, to)}. */
    public record Tile(StatsInterval interval, Instant from, Instant to) {
    }

    /** A tile whose windows are added ({@code sign} 1) or taken away (-1). */
    public record SignedTile(Tile tile, int sign) {
    }

    /** An edge of more minutes than this is read as its hour less the hour's other minutes. */
    private static final int MOST_MINUTES_ADDED = 30;

    /** A day's part of more hours than this is read as its day less the day's other hours. */
    private static final int MOST_HOURS_ADDED = 12;

    /**
     * @param minutesKeptSince every minute window starting at or after it is kept (null: none is)
     */
    public static RollupTiles cover(Instant from, Instant to, @Nullable Instant minutesKeptSince) {
        if (!from.isBefore(to)) { // an empty range counts nothing, not the minute around it
            Instant at = StatsInterval.MINUTE.floor(from);
            return new RollupTiles(at, at, List.of(), minutesKeptSince);
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
        return new RollupTiles(start, end, List.copyOf(tiles), minutesKeptSince);
    }

    /**
     * The tiles with each edge of more than half an hour of minutes read as its whole hour less that hour's other
     * minutes (at most 30 minute windows an edge instead of 59), and each day's part of more than 12 hours as its whole
     * day less the day's other hours (at most 12 hour windows instead of 23). Exact for units and revenue, which add up
     * window by window; not for distinct carts, as one cart can have items in several minutes. Only for an hour whose
     * other minutes are kept, and an hour or a day that ended by {@code settledBefore}: the loader writes the minute,
     * hour and day windows from three topics, so a window still open can be behind or ahead of its parts, and its
     * difference with them wrong. A window must also equal its parts: a sale later than STATS_RETENTION is left out of
     * the finer windows first (the transformer forgets them first), and would be counted here whichever part of its
     * window it fell in.
     */
    public List<SignedTile> netTiles(Instant settledBefore) {
        List<SignedTile> net = new ArrayList<>();
        for (Tile tile : tiles) {
            switch (tile.interval()) {
                case DAY -> net.add(new SignedTile(tile, 1));
                case HOUR -> net(tile, StatsInterval.DAY, MOST_HOURS_ADDED,
                        day -> !StatsInterval.DAY.next(day).isAfter(settledBefore), net);
                case MINUTE -> net(tile, StatsInterval.HOUR, MOST_MINUTES_ADDED,
                        hour -> isKept(hour, minutesKeptSince) && !StatsInterval.HOUR.next(hour).isAfter(settledBefore),
                        net);
            }
        }
        return List.copyOf(net);
    }

    /**
     * A tile cut at the bounds of the {@code whole} windows that hold its windows (a range of minutes shorter than an
     * hour can straddle two); each piece of more than {@code mostAdded} windows read as its whole window less the
     * whole's other windows, where {@code readWhole} allows it for the whole window starting then.
     */
    private static void net(Tile tile, StatsInterval whole, long mostAdded, Predicate<Instant> readWhole,
                            List<SignedTile> net) {
        StatsInterval part = tile.interval();
        Instant wholeEnd;
        for (Instant from = tile.from(); from.isBefore(tile.to()); from = wholeEnd) {
            Instant start = whole.floor(from);
            wholeEnd = whole.next(start);
            Instant to = tile.to().isBefore(wholeEnd) ? tile.to() : wholeEnd;
            if (part.between(from, to) <= mostAdded || !readWhole.test(start)) {
                net.add(new SignedTile(new Tile(part, from, to), 1));
                continue;
            }
            net.add(new SignedTile(new Tile(whole, start, wholeEnd), 1));
            if (start.isBefore(from)) {
                net.add(new SignedTile(new Tile(part, start, from), -1));
            }
            if (to.isBefore(wholeEnd)) {
                net.add(new SignedTile(new Tile(part, to, wholeEnd), -1));
            }
        }
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
            selects.add(select(columns, tile, dimension, entityIds, parameters));
        }
        return selects.isEmpty() ? "SELECT " + columns + " FROM stats_day WHERE false" : String.join(" UNION ALL ", selects);
    }

    /** As {@link #union}, over {@link #netTiles} and with a column {@code sign}: 1 for rows to add, -1 to take away. */
    private String netUnion(String columns, String dimension, Collection<String> entityIds, Instant settledBefore,
                            List<Object> parameters) {
        List<String> selects = new ArrayList<>();
        for (SignedTile net : netTiles(settledBefore)) {
            // Cast: pg_stat_statements records the constant as a parameter ($n), which QueryPlansTest can only
            // explain with a type.
            selects.add(select(columns + ", (" + net.sign() + ")::integer AS sign", net.tile(), dimension, entityIds,
                    parameters));
        }
        return selects.isEmpty() ? "SELECT " + columns + ", 1::integer AS sign FROM stats_day WHERE false"
                : String.join(" UNION ALL ", selects);
    }

    private static String select(String columns, Tile tile, String dimension, @Nullable Collection<String> entityIds,
                                 List<Object> parameters) {
        parameters.add(dimension);
        if (entityIds != null) {
            parameters.add(entityIds.toArray(String[]::new));
        }
        parameters.addAll(List.of(tile.from(), tile.to()));
        return "SELECT " + columns + " FROM " + tile.interval().table() + " WHERE dimension = ?"
                + (entityIds == null ? "" : " AND entity_id = ANY(?)") + " AND window_start >= ? AND window_start < ?";
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

    /**
     * The units and USD revenue of some entities by buyer country over {@link #netTiles}: columns
     * {@code entity_id, country, units, revenue_usd}, a row per entity and country that sold. No distinct carts: they
     * do not subtract.
     */
    public String countryNetSales(String dimension, Collection<String> entityIds, Instant settledBefore,
                                  List<Object> parameters) {
        String units = "sum(tiles.sign * (split.value ->> 'units')::bigint)";
        String revenue = "sum(tiles.sign * (split.value ->> 'revenue_usd')::numeric)";
        return "SELECT tiles.entity_id, split.key AS country, " + units + " AS units, " + revenue + " AS revenue_usd"
                + " FROM (" + netUnion("entity_id, by_country", dimension, entityIds, settledBefore, parameters) + ") AS tiles"
                + " CROSS JOIN LATERAL jsonb_each(tiles.by_country) AS split GROUP BY 1, 2"
                // A country whose sales were all taken back, or that sold only in the minutes taken away, is not listed.
                + " HAVING " + units + " <> 0 OR " + revenue + " <> 0";
    }

    /** How many windows the tiles hold: the most rows one entity can have in the range. */
    public long windows() {
        long windows = 0;
        for (Tile tile : tiles) {
            windows += tile.interval().between(tile.from(), tile.to());
        }
        return windows;
    }

    /** Whether the window of {@code interval} starting at {@code start} lies whole within the range. */
    public boolean covers(StatsInterval interval, Instant start) {
        return !start.isBefore(from) && !interval.next(start).isAfter(to);
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
