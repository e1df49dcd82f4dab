package io.tracktion.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthAndPageTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    @Test
    void healthIsUpWithTheDatabaseAndShowsItsDetailsToAnyone() {
        ApiResponse response = API.get("/health");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/jdbc/status").asText()).isEqualTo("UP");
    }

    @Test
    void rootServesTheLivePage() {
        ApiResponse response = API.get("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body())
                .contains("<title>Tracktion")
                .contains("/api/v1/stats/summary", "/api/v1/sales?limit=20", "/api/v1/artists/top")
                .contains("setInterval(refresh, 5000)")
                // self-contained: no script or style from elsewhere
                .doesNotContain("<script src", "<link rel=\"stylesheet\"");
    }
}
