package io.tracktion.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.RunningApi;
import io.tracktion.testsupport.SchemaRegistry;
import java.util.Map;
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
    void healthShowsTheSchemaRegistryButStaysUpWithoutIt() throws Exception {
        JsonNode without = API.getJson("/health");
        assertThat(without.get("status").asText()).isEqualTo("UP");
        assertThat(without.at("/details/schemaRegistry/details/reachable").asBoolean(true)).isFalse();
        assertThat(without.at("/details/schemaRegistry/details/error").asText()).isNotBlank();

        try (RunningApi withRegistry = API.startAnother(Map.of("schema-registry.url", SchemaRegistry.url()))) {
            JsonNode with = withRegistry.get("/health").json();
            assertThat(with.at("/details/schemaRegistry/details/reachable").asBoolean()).isTrue();
            assertThat(with.at("/details/schemaRegistry/details/url").asText()).isEqualTo(SchemaRegistry.url());
            assertThat(with.at("/details/schemaRegistry/details/missingSubjects").isMissingNode()).isTrue();
        }
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
