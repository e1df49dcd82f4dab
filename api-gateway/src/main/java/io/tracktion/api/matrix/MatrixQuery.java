package io.tracktion.api.matrix;

import io.tracktion.api.db.Jdbc;
import io.tracktion.api.top.Ranking;
import io.tracktion.api.top.RollupTiles;
import io.tracktion.api.top.TopEntry;
import io.tracktion.api.top.TopQuery;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A genre or tag × country grid from the rollups: the best-selling rows by the top list's query, then their windows'
 * splits by buyer country (primary key ranges), read over the range's {@link RollupTiles#netTiles}: the grid shows
 * units and revenue, which subtract exactly, so a long edge of minutes is read as its hour less the other minutes,
 * and most of a day's hours as the day less its other hours.
 * Counted as the transformer counts: a sale whose release is not known yet is under {@code unknown}. The period is
 * taken to whole minutes, as for the top lists.
 */
@Singleton
public class MatrixQuery {

    /**
     * How long after its end an hour's window is read less its minutes, and a day's less its hours: well past the
     * transformer's grace for late sales (STATS_GRACE, 10 minutes by default), so that the loader holds the final
     * windows of both sizes alike.
     */
    private static final Duration SETTLED_AFTER = Duration.ofHours(1);

    private final Jdbc jdbc;
    private final TopQuery top;

    public MatrixQuery(Jdbc jdbc, TopQuery top) {
        this.jdbc = jdbc;
        this.top = top;
    }

    /** @param rowDimension genre or tag; {@code rowLimit} the most rows answered (the best-selling) */
    public Matrix grid(String rowDimension, Instant from, Instant to, int rowLimit) {
        RollupTiles range = RollupTiles.cover(from, to, top.minutesKeptSince());
        List<String> shown = top.top(rowDimension, range, Ranking.REVENUE, rowLimit).stream().map(TopEntry::id).toList();
        List<Matrix.Cell> cells = shown.isEmpty() ? List.of() : cells(range, rowDimension, shown);
        Map<String, String> countryNames = new LinkedHashMap<>();
        jdbc.query("SELECT code, name FROM country", List.of(), row -> countryNames.put(row.getString("code"),
                row.getString("name")));
        return new Matrix(range.from(), range.to(), rowDimension, "country", lines(cells, Matrix.Cell::row, Map.of()),
                lines(cells, Matrix.Cell::col, countryNames), cells);
    }

    /** The cells of the rows. */
    private List<Matrix.Cell> cells(RollupTiles range, String rowDimension, List<String> rows) {
        List<Object> parameters = new ArrayList<>();
        // Sorted here: an ORDER BY made PostgreSQL group by sorting some 15,000 members (20 ms) instead of hashing.
        String sql = range.countryNetSales(rowDimension, rows, Instant.now().minus(SETTLED_AFTER), parameters);
        List<Matrix.Cell> cells = new ArrayList<>(jdbc.query(sql, parameters, row -> new Matrix.Cell(
                row.getString("entity_id"), row.getString("country"), row.getLong("units"),
                row.getBigDecimal("revenue_usd"))));
        cells.sort(Comparator.comparing(Matrix.Cell::row).thenComparing(Matrix.Cell::col));
        return cells;
    }

    /** The totals of each row (or column) of the cells, best-selling first. */
    private static List<Matrix.Line> lines(List<Matrix.Cell> cells, java.util.function.Function<Matrix.Cell, String> key,
                                           Map<String, String> names) {
        Map<String, long[]> units = new LinkedHashMap<>();
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        for (Matrix.Cell cell : cells) {
            units.computeIfAbsent(key.apply(cell), k -> new long[1])[0] += cell.units();
            revenue.merge(key.apply(cell), cell.revenueUsd(), BigDecimal::add);
        }
        List<Matrix.Line> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> line : units.entrySet()) {
            String id = line.getKey();
            String name = names.get(id);
            lines.add(new Matrix.Line(id, name == null || name.isBlank() ? id : name, line.getValue()[0], revenue.get(id)));
        }
        lines.sort(Comparator.comparing(Matrix.Line::revenueUsd).reversed()
                .thenComparing(Comparator.comparingLong(Matrix.Line::units).reversed()).thenComparing(Matrix.Line::id));
        return lines;
    }
}
