package io.tracktion.api.matrix;

import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A genre or tag × country grid from table sale (through index sale_sold_at_idx: the rollups hold one dimension
 * each), counted as the transformer counts: a sale whose release is not known yet is under {@code unknown}.
 */
@Singleton
public class MatrixQuery {

    private static final String COUNTRY = "coalesce(nullif(upper(btrim(s.country_code)), ''), 'unknown')";
    private static final Map<String, String> ROWS = Map.of(
            "genre", """
                    SELECT CASE WHEN r.release_id IS NULL THEN 'unknown' ELSE r.genre END AS row_id, %1$s AS col_id,
                           count(*) AS units, sum(s.amount_paid_usd) AS revenue_usd
                    FROM sale s LEFT JOIN release r ON r.release_id = s.release_id AND r.status = 'known'
                    WHERE s.sold_at >= ? AND s.sold_at < ? AND (r.release_id IS NULL OR r.genre IS NOT NULL)
                    GROUP BY 1, 2""".formatted(COUNTRY),
            "tag", """
                    SELECT CASE WHEN r.release_id IS NULL THEN 'unknown' ELSE t.tag END AS row_id, %1$s AS col_id,
                           count(*) AS units, sum(s.amount_paid_usd) AS revenue_usd
                    FROM sale s LEFT JOIN release r ON r.release_id = s.release_id AND r.status = 'known'
                    LEFT JOIN release_tag t ON t.release_id = r.release_id AND t.role = 'descriptive'
                    WHERE s.sold_at >= ? AND s.sold_at < ? AND (r.release_id IS NULL OR t.tag IS NOT NULL)
                    GROUP BY 1, 2""".formatted(COUNTRY));

    private final Jdbc jdbc;

    public MatrixQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @param rowDimension genre or tag; {@code rowLimit} the most rows answered (the best-selling) */
    public Matrix grid(String rowDimension, Instant from, Instant to, int rowLimit) {
        List<Matrix.Cell> all = jdbc.query(ROWS.get(rowDimension), List.of(from, to), row -> new Matrix.Cell(
                row.getString("row_id"), row.getString("col_id"), row.getLong("units"), row.getBigDecimal("revenue_usd")));
        List<Matrix.Line> rows = lines(all, Matrix.Cell::row, Map.of()).stream().limit(rowLimit).toList();
        Set<String> shown = rows.stream().map(Matrix.Line::id).collect(Collectors.toSet());
        List<Matrix.Cell> cells = all.stream().filter(cell -> shown.contains(cell.row()))
                .sorted(Comparator.comparing(Matrix.Cell::row).thenComparing(Matrix.Cell::col)).toList();
        Map<String, String> countryNames = new LinkedHashMap<>();
        jdbc.query("SELECT code, name FROM country", List.of(), row -> countryNames.put(row.getString("code"),
                row.getString("name")));
        return new Matrix(from, to, rowDimension, "country", rows, lines(cells, Matrix.Cell::col, countryNames), cells);
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
