package io.tracktion.api.matrix;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/matrix}: units and USD revenue of each row (genre or tag) in each column (buyer country).
 *
 * @param from  the first instant counted; {@code to} the first not counted
 * @param rows  the rows, best-selling first by revenue, each with its total
 * @param cols  the columns, best-selling first, each with its total over the rows shown
 * @param cells every non-empty cell of the grid, by row id then column id (in Unicode order)
 */
@Serdeable
public record Matrix(Instant from, Instant to, String rowDimension, String colDimension, List<Line> rows,
                     List<Line> cols, List<Cell> cells) {

    /** A row or column: genres and tags by canonical name, countries by upper-case ISO code ({@code unknown}). */
    @Serdeable
    public record Line(String id, String name, long units, BigDecimal revenueUsd) {
    }

    @Serdeable
    public record Cell(String row, String col, long units, BigDecimal revenueUsd) {
    }
}
