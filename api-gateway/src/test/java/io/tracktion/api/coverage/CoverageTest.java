package io.tracktion.api.coverage;

import static io.tracktion.api.testing.TestSale.sale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestRollups;
import io.tracktion.schemas.EntityIds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoverageTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    private static final String FEED = "https://bandcamp.com";

    @Test
    void countsWindowsItemsGapsAndEnrichedSalesPerHourWithEmptyHoursToo() {
        String known = "https://a.bandcamp.com/album/known";
        API.execute("""
                INSERT INTO feed_window VALUES
                  ('%1$s', '2026-11-30T10:00:00Z', '2026-11-30T10:10:00Z', NULL, '2026-11-30T10:12:00Z', '2026-11-30T10:12:01Z', 3, 0, 4, 0, false),
                  ('%1$s', '2026-11-30T10:10:00Z', '2026-11-30T10:20:00Z', '2026-11-30T10:10:00Z', NULL, '2026-11-30T10:22:01Z', 1, 1, 1, 1, false),
                  ('%1$s', '2026-11-30T12:30:00Z', '2026-11-30T12:40:00Z', '2026-11-30T12:20:00Z', NULL, '2026-11-30T12:42:01Z', 2, 0, 2, 0, true);
                INSERT INTO feed_gap VALUES
                  ('%1$s', '2026-11-30T12:20:00Z', '2026-11-30T12:30:00Z', '2026-11-30T12:42:01Z', 'window-started-late', false, NULL),
                  ('%1$s', '2026-11-30T10:55:00Z', '2026-11-30T11:05:00Z', '2026-11-30T11:06:00Z', 'window-started-late', true, '2026-11-30T11:07:00Z');
                INSERT INTO release (release_id, url, status, first_seen_at) VALUES ('%2$s', '%3$s', 'known', now());
                """.formatted(FEED, EntityIds.release(known), known));
        // As the loader stores them: a sale of a known release has its ids; the rollups as the transformer counts.
        String artist = EntityIds.artist("https://a.bandcamp.com");
        API.insert(sale("s1").soldAt("2026-11-30T10:01:00Z").item("album", "A", null, known)
                        .attributed(EntityIds.release(known), artist, null),
                sale("s2").soldAt("2026-11-30T10:02:00Z").item("album", "B", null, "https://b.bandcamp.com/album/pending"),
                sale("s3").soldAt("2026-11-30T10:59:59.999999Z").item("album", "A", null, known)
                        .attributed(EntityIds.release(known), artist, null));
        TestRollups.rebuild(API);

        JsonNode coverage = API.getJson("/api/v1/coverage?from=2026-11-30T10:30:00Z&to=2026-11-30T12:40:00Z");
        // Rounded out to whole hours: 10:00 to 13:00.
        assertThat(coverage.get("from").asText()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(coverage.get("to").asText()).isEqualTo("2026-11-30T13:00:00Z");
        JsonNode hours = coverage.get("hours");
        assertThat(hours).hasSize(3);
        assertHour(hours.get(0), "2026-11-30T10:00:00Z", 2, 5, 1, 0, 3, 2, "0.667");
        assertHour(hours.get(1), "2026-11-30T11:00:00Z", 0, 0, 1, 0, 0, 0, null);
        assertHour(hours.get(2), "2026-11-30T12:00:00Z", 1, 2, 1, 1, 0, 0, null);
    }

    @Test
    void refusesRangesItCannotAnswer() {
        for (String bad : List.of("/api/v1/coverage?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
                "/api/v1/coverage?from=yesterday", "/api/v1/coverage?from=2026-03-01T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
        assertThat(API.getJson("/api/v1/coverage").get("hours")).hasSize(24);
    }

    private static void assertHour(JsonNode hour, String start, long windows, long items, long gaps, long openGaps,
                                   long sales, long enriched, String share) {
        assertThat(hour.get("start").asText()).isEqualTo(start);
        assertThat(hour.get("windows").asLong()).as(start + " windows").isEqualTo(windows);
        assertThat(hour.get("items").asLong()).as(start + " items").isEqualTo(items);
        assertThat(hour.get("gaps").asLong()).as(start + " gaps").isEqualTo(gaps);
        assertThat(hour.get("openGaps").asLong()).as(start + " open gaps").isEqualTo(openGaps);
        assertThat(hour.get("sales").asLong()).as(start + " sales").isEqualTo(sales);
        assertThat(hour.get("salesEnriched").asLong()).as(start + " enriched").isEqualTo(enriched);
        if (share == null) {
            assertThat(hour.get("enrichedShare").isNull()).isTrue();
        } else {
            assertThat(hour.get("enrichedShare").decimalValue()).isEqualByComparingTo(share);
        }
    }
}
