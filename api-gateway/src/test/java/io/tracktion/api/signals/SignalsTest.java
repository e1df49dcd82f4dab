package io.tracktion.api.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SignalsTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    @Test
    void listsSignalsNewestFirstFilteredAndPaged() {
        API.execute("""
                INSERT INTO signal (id, kind, dimension, entity_id, entity_name, at, observed, expected, probability,
                                    threshold, "window") VALUES
                  ('m1', 'milestone', 'artist', 'a1', 'One', '2026-12-01T10:00:00Z', 100, NULL, NULL, 100, NULL),
                  ('s1', 'spike', 'artist', 'a1', 'One', '2026-12-01T11:00:00Z', 20, 1.5, 0.000172, 0.001, '1h'),
                  ('f1', 'first_sale', 'release', 'r1', 'Record', '2026-12-01T11:00:00Z', NULL, NULL, NULL, NULL, NULL),
                  ('f2', 'first_sale', 'artist', 'a2', 'Two', '2026-12-01T09:00:00Z', NULL, NULL, NULL, NULL, NULL);
                """);

        JsonNode all = API.getJson("/api/v1/signals");
        assertThat(ids(all)).containsExactly("s1", "f1", "m1", "f2"); // same instant: by id, descending
        assertThat(all.get("next").isNull()).isTrue();
        JsonNode spike = all.get("items").get(0);
        assertThat(spike.get("kind").asText()).isEqualTo("spike");
        assertThat(spike.get("entityId").asText()).isEqualTo("a1");
        assertThat(spike.get("entityName").asText()).isEqualTo("One");
        assertThat(spike.get("at").asText()).isEqualTo("2026-12-01T11:00:00Z");
        assertThat(spike.get("observed").decimalValue()).isEqualByComparingTo("20");
        assertThat(spike.get("expected").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(spike.get("probability").asDouble()).isEqualTo(0.000172);
        assertThat(spike.get("window").asText()).isEqualTo("1h");
        JsonNode milestone = all.get("items").get(2);
        assertThat(milestone.get("threshold").decimalValue()).isEqualByComparingTo("100");
        assertThat(milestone.get("observed").decimalValue()).isEqualByComparingTo("100");

        assertThat(ids(API.getJson("/api/v1/signals?kind=first_sale"))).containsExactly("f1", "f2");
        assertThat(ids(API.getJson("/api/v1/signals?dimension=artist&id=a1"))).containsExactly("s1", "m1");
        assertThat(ids(API.getJson("/api/v1/signals?since=2026-12-01T10:00:00Z"))).containsExactly("s1", "f1", "m1");

        List<String> paged = new ArrayList<>();
        JsonNode page = API.getJson("/api/v1/signals?limit=1");
        while (true) {
            paged.addAll(ids(page));
            if (page.get("next").isNull()) {
                break;
            }
            page = API.getJson("/api/v1/signals?limit=1&cursor=" + page.get("next").asText());
        }
        assertThat(paged).containsExactly("s1", "f1", "m1", "f2");
    }

    @Test
    void refusesWhatItCannotAnswer() {
        for (String bad : List.of("/api/v1/signals?kind=explosion", "/api/v1/signals?dimension=planet",
                "/api/v1/signals?id=a1", "/api/v1/signals?since=yesterday", "/api/v1/signals?limit=0",
                "/api/v1/signals?cursor=bm90LWEtY3Vyc29y")) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
