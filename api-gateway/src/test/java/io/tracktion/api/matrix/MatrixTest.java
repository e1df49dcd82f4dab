package io.tracktion.api.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestCatalog;
import io.tracktion.api.testing.TestRollups;
import io.tracktion.api.testing.TestRollups.Sums;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MatrixTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    private static final Instant START = Instant.parse("2026-11-28T00:00:00Z");
    private static final Duration SPAN = Duration.ofHours(78);

    @Test
    void everyCellAgreesWithTheFactTableForRandomRanges() {
        Random random = new Random(17);
        TestCatalog.insert(API);
        API.insert(TestCatalog.randomSales(random, 1_200, START, SPAN));
        TestRollups.rebuild(API);
        for (int i = 0; i < 10; i++) {
            Instant from = START.plusSeconds(random.nextInt((int) SPAN.toSeconds()));
            Instant to = from.plusSeconds(random.nextInt((int) SPAN.toSeconds() / 2));
            for (String rows : List.of("genres", "tags")) {
                JsonNode grid = API.getJson("/api/v1/matrix?rows=" + rows + "&cols=countries&from=" + from + "&to=" + to);
                // Summed from the rollups: the period counted is taken to whole minutes.
                Instant countedFrom = Instant.parse(grid.get("from").asText());
                Instant countedTo = Instant.parse(grid.get("to").asText());
                assertThat(countedFrom).isBeforeOrEqualTo(from).isAfter(from.minusSeconds(60));
                assertThat(countedTo).isAfterOrEqualTo(to).isBefore(to.plusSeconds(60));
                Map<String, Sums> cells = new TreeMap<>();
                grid.get("cells").forEach(cell -> cells.put(cell.get("row").asText() + " × " + cell.get("col").asText(),
                        new Sums(cell.get("units").asLong(), cell.get("revenueUsd").decimalValue().stripTrailingZeros(), 0)));
                assertThat(cells).as(rows + " " + from + " " + to).isEqualTo(reference(rows.equals("genres") ? "genre" : "tag", countedFrom, countedTo));
                long rowUnits = 0;
                for (JsonNode row : grid.get("rows")) {
                    rowUnits += row.get("units").asLong();
                }
                long colUnits = 0;
                for (JsonNode col : grid.get("cols")) {
                    colUnits += col.get("units").asLong();
                }
                assertThat(rowUnits).isEqualTo(colUnits);
            }
        }
    }

    @Test
    void namesCountriesAndLimitsTheRows() {
        TestCatalog.insert(API);
        API.insert(TestCatalog.randomSales(new Random(2), 300, START, SPAN));
        TestRollups.rebuild(API);

        JsonNode grid = API.getJson("/api/v1/matrix?rows=tags&from=2026-11-28T00:00:00Z&to=2026-12-02T00:00:00Z&limit=2");

        assertThat(grid.get("rows")).hasSize(2);
        assertThat(grid.get("rowDimension").asText()).isEqualTo("tag");
        assertThat(grid.get("cols").findValuesAsText("name")).contains("Germany", "Japan", "unknown");
        BigDecimal first = grid.get("rows").get(0).get("revenueUsd").decimalValue();
        assertThat(first).isGreaterThanOrEqualTo(grid.get("rows").get(1).get("revenueUsd").decimalValue());
        assertThat(API.getJson("/api/v1/matrix").get("cells")).isEmpty(); // the last 24 hours: nothing sold

        // Genres are read whole and the best rows kept: the same rows and cells as the best two of the whole grid.
        String period = "from=2026-11-28T00:10:00Z&to=2026-12-01T07:50:00Z";
        JsonNode all = API.getJson("/api/v1/matrix?rows=genres&limit=200&" + period);
        JsonNode two = API.getJson("/api/v1/matrix?rows=genres&limit=2&" + period);
        assertThat(all.get("rows").size()).isGreaterThan(2);
        List<String> bestTwo = List.of(all.get("rows").get(0).get("id").asText(), all.get("rows").get(1).get("id").asText());
        assertThat(two.get("rows").findValuesAsText("id")).isEqualTo(bestTwo);
        List<JsonNode> expectedCells = new java.util.ArrayList<>();
        all.get("cells").forEach(cell -> {
            if (bestTwo.contains(cell.get("row").asText())) {
                expectedCells.add(cell);
            }
        });
        assertThat(two.get("cells")).containsExactlyElementsOf(expectedCells);
    }

    @Test
    void refusesWhatItCannotAnswer() {
        for (String bad : List.of("/api/v1/matrix?rows=artists", "/api/v1/matrix?cols=kinds", "/api/v1/matrix?limit=0",
                "/api/v1/matrix?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "/api/v1/matrix?to=yesterday")) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    /** The cells straight from table sale: each sale under its row entities and its country. */
    private static Map<String, Sums> reference(String dimension, Instant from, Instant to) {
        String sql = TestRollups.COUNTED + """
                SELECT r.entity_id || ' × ' || c.entity_id AS entity_id, count(*) AS units, sum(r.amount_paid_usd) AS usd,
                       0 AS carts
                FROM counted r JOIN counted c ON c.sale_id = r.sale_id AND c.dimension = 'country'
                WHERE r.dimension = ? AND r.sold_at >= ? AND r.sold_at < ? GROUP BY 1""";
        return TestRollups.query(API, sql, dimension, OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    }
}
