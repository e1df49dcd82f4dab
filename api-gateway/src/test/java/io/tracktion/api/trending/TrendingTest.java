package io.tracktion.api.trending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrendingTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    @Test
    void servesTheStoreChartOfAWindowWithPreviousRanks() {
        API.execute("""
                INSERT INTO trending_chart VALUES
                  ('artist', '1h', 'store', '2026-12-01T12:00:00Z', '2026-12-01T11:00:00Z'),
                  ('artist', '24h', 'store', '2026-12-01T12:00:00Z', '2026-11-30T12:00:00Z'),
                  ('artist', '24h', 'genre=ambient', '2026-12-01T12:00:00Z', '2026-11-30T12:00:00Z');
                INSERT INTO trending_entry VALUES
                  ('artist', '1h', 'store', 1, NULL, 'a2', 'Two', 5, 12.5000),
                  ('artist', '24h', 'store', 2, 1, 'a1', 'One', 7, 30.0000),
                  ('artist', '24h', 'store', 1, 3, 'a2', 'Two', 9, 20.1000),
                  ('artist', '24h', 'genre=ambient', 1, NULL, 'a3', 'Three', 2, 2.0000);
                """);

        JsonNode day = API.getJson("/api/v1/trending/artists");
        assertThat(day).hasSize(2);
        assertThat(day.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(day.get(0).get("previousRank").asInt()).isEqualTo(3);
        assertThat(day.get(0).get("id").asText()).isEqualTo("a2");
        assertThat(day.get(0).get("name").asText()).isEqualTo("Two");
        assertThat(day.get(0).get("units").asLong()).isEqualTo(9);
        assertThat(day.get(0).get("revenueUsd").decimalValue()).isEqualByComparingTo("20.1");
        assertThat(day.get(1).get("id").asText()).isEqualTo("a1");

        JsonNode hour = API.getJson("/api/v1/trending/artists?window=1h&limit=5");
        assertThat(hour).hasSize(1);
        assertThat(hour.get(0).get("previousRank").isNull()).isTrue();
        assertThat(API.getJson("/api/v1/trending/artists?limit=1")).hasSize(1);
        assertThat(API.getJson("/api/v1/trending/tags")).isEmpty();
    }

    @Test
    void refusesWhatItCannotAnswer() {
        for (String bad : List.of("/api/v1/trending/planets", "/api/v1/trending/artists?window=7d",
                "/api/v1/trending/artists?limit=21", "/api/v1/trending/artists?limit=-1")) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
    }
}
