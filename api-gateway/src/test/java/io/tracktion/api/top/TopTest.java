package io.tracktion.api.top;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestCatalog;
import io.tracktion.api.testing.TestRollups;
import io.tracktion.api.testing.TestRollups.Sums;
import io.tracktion.api.testing.TestSale;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    private static final Instant START = Instant.parse("2026-11-28T00:00:00Z");
    private static final Duration SPAN = Duration.ofHours(78);
    private static final Map<String, String> DIMENSIONS = Map.of("artists", "artist", "releases", "release",
            "labels", "label", "genres", "genre", "tags", "tag", "countries", "country", "kinds", "kind");

    @Test
    void everyListAgreesWithTheFactTableForRandomRanges() {
        Random random = new Random(20261202);
        TestCatalog.insert(API);
        API.insert(TestCatalog.randomSales(random, 1_500, START, SPAN));
        TestRollups.rebuild(API);

        for (int i = 0; i < 25; i++) {
            Instant from = START.plusSeconds(random.nextInt((int) SPAN.toSeconds()));
            Instant to = from.plusSeconds(random.nextInt((int) SPAN.toSeconds() / 2));
            for (Map.Entry<String, String> dimension : DIMENSIONS.entrySet()) {
                String by = random.nextBoolean() ? "units" : "revenue";
                ApiResponse response = API.get("/api/v1/top/" + dimension.getKey() + "?from=" + from + "&to=" + to
                        + "&by=" + by + "&limit=100");
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                // taken to whole minutes: every minute rollup is kept here
                Instant countedFrom = Instant.parse(response.header(TopController.PERIOD_FROM));
                Instant countedTo = Instant.parse(response.header(TopController.PERIOD_TO));
                assertThat(countedFrom).isEqualTo(from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
                assertThat(countedTo).isAfterOrEqualTo(to).isBefore(to.plusSeconds(60));

                JsonNode list = response.json();
                Map<String, Sums> answered = new TreeMap<>();
                for (JsonNode entry : list) {
                    answered.put(entry.get("id").asText(), Sums.of(entry));
                }
                String range = dimension.getKey() + " " + from + " to " + to;
                assertThat(answered).as(range).isEqualTo(TestRollups.factTable(API, dimension.getValue(), countedFrom, countedTo));
                for (int e = 1; e < list.size(); e++) {
                    String measure = by.equals("units") ? "units" : "revenueUsd";
                    assertThat(list.get(e).get(measure).decimalValue())
                            .as(range).isLessThanOrEqualTo(list.get(e - 1).get(measure).decimalValue());
                }
            }
        }
    }

    @Test
    void namesEntriesFromTheirDimensionTables() {
        TestCatalog.insert(API);
        API.insert(TestCatalog.saleOf("s1", TestCatalog.HARBOUR).usd("9.00").buyerIn("Germany", "de"),
                TestSale.sale("s2").usd("1.00").buyerIn(null, null));
        TestRollups.rebuild(API);
        String all = "?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z";

        JsonNode artists = API.getJson("/api/v1/top/artists" + all);
        assertThat(artists.get(0).get("id").asText()).isEqualTo(TestCatalog.VELVET);
        assertThat(artists.get(0).get("name").asText()).isEqualTo("Velvet Orrery");
        assertThat(artists.get(0).get("url").asText()).isEqualTo("https://velvetorrery.bandcamp.com");
        assertThat(artists.get(1).get("id").asText()).isEqualTo("unknown");
        assertThat(API.getJson("/api/v1/top/labels" + all).get(0).get("name").asText()).isEqualTo("Harbour Light");
        assertThat(API.getJson("/api/v1/top/releases" + all).get(0).get("name").asText()).isEqualTo("Title of " + TestCatalog.HARBOUR);
        JsonNode countries = API.getJson("/api/v1/top/countries" + all);
        assertThat(countries.get(0).get("id").asText()).isEqualTo("DE");
        assertThat(countries.get(0).get("name").asText()).isEqualTo("Germany");
        assertThat(API.getJson("/api/v1/top/tags" + all).findValuesAsText("id")).containsExactlyInAnyOrder("dub techno", "drone", "unknown");
        assertThat(API.getJson("/api/v1/top/kinds" + all).get(0).get("id").asText()).isEqualTo("album");
        assertThat(API.getJson("/api/v1/top/genres" + all).get(0).get("url").isNull()).isTrue();
    }

    @Test
    void takesEdgesToWholeHoursWhereMinutesAreGone() {
        Random random = new Random(5);
        TestCatalog.insert(API);
        API.insert(TestCatalog.randomSales(random, 600, START, SPAN));
        TestRollups.rebuild(API);
        // as the loader's retention does: the minutes before a cutoff deleted, the cutoff recorded
        API.execute("DELETE FROM stats_minute WHERE window_start < '2026-11-30T00:00:00Z';"
                + " INSERT INTO rollup_retention VALUES ('stats_minute', '2026-11-30T00:00:00Z')");

        ApiResponse response = API.get("/api/v1/top/artists?from=2026-11-28T05:20:00Z&to=2026-11-30T10:20:30Z&limit=100");

        assertThat(response.header(TopController.PERIOD_FROM)).isEqualTo("2026-11-28T05:00:00Z");
        assertThat(response.header(TopController.PERIOD_TO)).isEqualTo("2026-11-30T10:21:00Z");
        Map<String, Sums> answered = new TreeMap<>();
        for (JsonNode entry : response.json()) {
            answered.put(entry.get("id").asText(), Sums.of(entry));
        }
        assertThat(answered).isEqualTo(TestRollups.factTable(API, "artist", Instant.parse("2026-11-28T05:00:00Z"),
                Instant.parse("2026-11-30T10:21:00Z")));
    }

    @Test
    void ranksLimitsAndBreaksTiesByName() {
        TestCatalog.insert(API);
        API.insert(TestCatalog.saleOf("a", TestCatalog.HARBOUR).usd("5.00"),
                TestCatalog.saleOf("b", TestCatalog.CELLO_RELEASE).usd("5.00"),
                TestCatalog.saleOf("c", TestCatalog.STATIC_RELEASE).usd("1.00").cart("cart-2"),
                TestCatalog.saleOf("d", TestCatalog.STATIC_RELEASE).usd("1.00").cart("cart-2"));
        TestRollups.rebuild(API);

        assertThat(API.getJson("/api/v1/top/artists").findValuesAsText("name"))
                .containsExactly("Cello Weather", "Velvet Orrery", "Accordion Static");
        // tied on both measures: the cut falls by name too
        assertThat(API.getJson("/api/v1/top/artists?limit=1").findValuesAsText("name")).containsExactly("Cello Weather");
        JsonNode byUnits = API.getJson("/api/v1/top/artists?by=units&limit=1");
        assertThat(byUnits).hasSize(1);
        assertThat(byUnits.get(0).get("name").asText()).isEqualTo("Accordion Static");
        assertThat(byUnits.get(0).get("units").asLong()).isEqualTo(2);
        assertThat(byUnits.get(0).get("carts").asLong()).isEqualTo(1);
        assertThat(API.getJson("/api/v1/top/artists?from=2026-11-25T00:00:00Z")).isEmpty();
    }

    @Test
    void leavesOutAnEntityWhoseSalesWereAllMovedToAnother() {
        TestCatalog.insert(API);
        API.insert(TestCatalog.saleOf("a", TestCatalog.HARBOUR).usd("5.00"));
        TestRollups.rebuild(API);
        // As the transformer leaves it after re-attributing a sale counted "unknown" before its release was read:
        // the unknown artist's window summed to nothing.
        API.execute("""
                INSERT INTO stats_day (dimension, entity_id, window_start, entity_name, units, revenue_usd,
                    revenue_by_currency, carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                VALUES ('artist', 'unknown', '2026-11-24T00:00:00Z', 'unknown', 0, 0, '{}', 0, 0, 0, true, 3,
                        '2026-11-24T10:00:00Z')""");

        assertThat(API.getJson("/api/v1/top/artists?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z")
                .findValuesAsText("id")).containsExactly(TestCatalog.VELVET);
    }

    @Test
    void theArtistsTopListIsAnAliasWithItsFormerFieldsBeside() {
        TestCatalog.insert(API);
        API.insert(TestCatalog.saleOf("a", TestCatalog.HARBOUR).usd("5.00"));
        TestRollups.rebuild(API);

        JsonNode alias = API.getJson("/api/v1/artists/top?by=units");
        JsonNode top = API.getJson("/api/v1/top/artists?by=units");
        assertThat(alias.get(0).get("id")).isEqualTo(top.get(0).get("id"));
        assertThat(alias.get(0).get("revenueUsd")).isEqualTo(top.get(0).get("revenueUsd"));
        assertThat(alias.get(0).get("artist").asText()).isEqualTo("Velvet Orrery");
        assertThat(alias.get(0).get("artistUrl").asText()).isEqualTo("https://velvetorrery.bandcamp.com");
    }

    @Test
    void refusesWhatItCannotAnswer() {
        for (String bad : List.of("/api/v1/top/planets", "/api/v1/top/store", "/api/v1/top/artists?by=love",
                "/api/v1/top/artists?limit=0", "/api/v1/top/artists?limit=101", "/api/v1/top/tags?from=yesterday",
                "/api/v1/top/kinds?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "/api/v1/artists/top?by=x")) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
    }
}
