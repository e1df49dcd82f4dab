package io.tracktion.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimeseriesTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    private static final String ROW = """
            INSERT INTO %1$s (dimension, entity_id, window_start, entity_name, units, revenue_usd, revenue_by_currency,
                            carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
            VALUES ('%2$s', '%3$s', '%4$s', 'name', %5$d, %6$s, '{}', %7$d, 0, 0, true, 1, '%4$s');
            """;

    @Test
    void answersEveryWindowOfTheRangeZerosIncluded() {
        API.execute(ROW.formatted("stats_hour", "store", "all", "2026-12-01T10:00:00Z", 3, "12.5000", 2)
                + ROW.formatted("stats_hour", "store", "all", "2026-12-01T12:00:00Z", 1, "0.9900", 1)
                + ROW.formatted("stats_hour", "artist", "a1", "2026-12-01T12:00:00Z", 1, "0.9900", 1)
                + ROW.formatted("stats_hour", "country", "DE", "2026-12-01T11:00:00Z", 2, "4.0000", 1)
                + ROW.formatted("stats_day", "store", "all", "2026-12-01T00:00:00Z", 4, "13.4900", 3)
                + ROW.formatted("stats_minute", "store", "all", "2026-12-01T12:01:00Z", 1, "0.9900", 1));

        JsonNode hours = API.getJson("/api/v1/stats/timeseries?interval=hour&from=2026-12-01T10:30:00Z&to=2026-12-01T12:10:00Z");
        assertThat(hours.get("interval").asText()).isEqualTo("hour");
        JsonNode points = hours.get("points");
        assertThat(points).hasSize(3); // 10:00, 11:00 and 12:00: rounded out to whole hours
        assertPoint(points.get(0), "2026-12-01T10:00:00Z", 3, "12.5", 2);
        assertPoint(points.get(1), "2026-12-01T11:00:00Z", 0, "0", 0);
        assertPoint(points.get(2), "2026-12-01T12:00:00Z", 1, "0.99", 1);

        JsonNode artist = API.getJson("/api/v1/stats/timeseries?interval=hour&dimension=artist&id=a1"
                + "&from=2026-12-01T11:00:00Z&to=2026-12-01T13:00:00Z").get("points");
        assertThat(artist).hasSize(2);
        assertPoint(artist.get(1), "2026-12-01T12:00:00Z", 1, "0.99", 1);
        JsonNode country = API.getJson("/api/v1/stats/timeseries?dimension=countries&id=de"
                + "&from=2026-12-01T11:00:00Z&to=2026-12-01T12:00:00Z").get("points");
        assertPoint(country.get(0), "2026-12-01T11:00:00Z", 2, "4", 1);

        JsonNode days = API.getJson("/api/v1/stats/timeseries?interval=day&from=2026-11-30T00:00:00Z&to=2026-12-02T00:00:00Z");
        assertThat(days.get("points")).hasSize(2);
        assertPoint(days.get("points").get(1), "2026-12-01T00:00:00Z", 4, "13.49", 3);
        JsonNode minutes = API.getJson("/api/v1/stats/timeseries?interval=minute&from=2026-12-01T12:00:00Z&to=2026-12-01T12:03:00Z");
        assertThat(minutes.get("points")).hasSize(3);
        assertPoint(minutes.get("points").get(1), "2026-12-01T12:01:00Z", 1, "0.99", 1);

        assertThat(API.getJson("/api/v1/stats/timeseries").get("points")).hasSize(24); // the last 24 hours
    }

    @Test
    void refusesWhatItCannotAnswer() {
        for (String bad : List.of("/api/v1/stats/timeseries?interval=week", "/api/v1/stats/timeseries?dimension=planet&id=x",
                "/api/v1/stats/timeseries?dimension=artist", "/api/v1/stats/timeseries?id=a1",
                "/api/v1/stats/timeseries?interval=minute&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                "/api/v1/stats/timeseries?from=soon")) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    private static void assertPoint(JsonNode point, String start, long units, String usd, long carts) {
        assertThat(point.get("start").asText()).isEqualTo(start);
        assertThat(point.get("units").asLong()).isEqualTo(units);
        assertThat(point.get("revenueUsd").decimalValue()).isEqualByComparingTo(usd);
        assertThat(point.get("carts").asLong()).isEqualTo(carts);
    }
}
