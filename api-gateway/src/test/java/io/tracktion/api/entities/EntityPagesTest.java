package io.tracktion.api.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestCatalog;
import io.tracktion.api.testing.TestRollups;
import io.tracktion.api.testing.TestRollups.Sums;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EntityPagesTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    private static final Instant START = Instant.parse("2026-11-28T00:00:00Z");
    private static final Duration SPAN = Duration.ofHours(78);

    @BeforeEach
    void loadSales() {
        TestCatalog.insert(API);
        API.insert(TestCatalog.randomSales(new Random(11), 1_200, START, SPAN));
        TestRollups.rebuild(API);
        API.execute("""
                INSERT INTO signal (id, kind, dimension, entity_id, entity_name, at, observed, threshold)
                VALUES ('sig-1', 'milestone', 'artist', '%1$s', 'Velvet Orrery', '2026-11-29T10:00:00Z', 100, 100),
                       ('sig-2', 'first_sale', 'artist', '%1$s', 'Velvet Orrery', '2026-11-28T01:00:00Z', NULL, NULL),
                       ('sig-3', 'first_sale', 'artist', '%2$s', 'Cello Weather', '2026-11-28T02:00:00Z', NULL, NULL);
                """.formatted(TestCatalog.VELVET, TestCatalog.CELLO));
    }

    @Test
    void anEntityPageAgreesWithTheFactTableForRandomRanges() {
        Random random = new Random(3);
        Map<String, String> pages = Map.of(
                "/api/v1/artists/" + TestCatalog.VELVET, "artist|" + TestCatalog.VELVET,
                "/api/v1/labels/" + TestCatalog.STATIC_LABEL, "label|" + TestCatalog.STATIC_LABEL,
                "/api/v1/releases/" + TestCatalog.HARBOUR, "release|" + TestCatalog.HARBOUR,
                "/api/v1/releases/" + TestCatalog.PENDING, "release|" + TestCatalog.PENDING,
                "/api/v1/tags/dub%20techno", "tag|dub techno",
                "/api/v1/tags/electronic", "genre|electronic");
        for (int i = 0; i < 8; i++) {
            Instant from = START.plusSeconds(random.nextInt((int) SPAN.toSeconds()));
            Instant to = from.plusSeconds(random.nextInt((int) SPAN.toSeconds() / 2));
            for (Map.Entry<String, String> page : pages.entrySet()) {
                String[] entity = page.getValue().split("\\|");
                JsonNode view = API.getJson(page.getKey() + "?from=" + from + "&to=" + to);
                JsonNode totals = view.get("totals");
                Instant countedFrom = Instant.parse(totals.get("from").asText());
                Instant countedTo = Instant.parse(totals.get("to").asText());
                assertThat(countedFrom).isBeforeOrEqualTo(from).isAfter(from.minusSeconds(60));
                assertThat(countedTo).isAfterOrEqualTo(to).isBefore(to.plusSeconds(60));
                Sums expected = TestRollups.factTable(API, entity[0], countedFrom, countedTo)
                        .getOrDefault(entity[1], new Sums(0, java.math.BigDecimal.ZERO, 0));
                assertThat(Sums.of(totals)).as(page.getKey() + " " + from + " " + to).isEqualTo(expected);

                Map<String, Sums> countries = new TreeMap<>();
                view.get("topCountries").forEach(country -> countries.put(country.get("id").asText(), Sums.of(country)));
                assertThat(countries).as(page.getKey() + " countries " + from + " " + to)
                        .isEqualTo(countriesOf(entity[0], entity[1], countedFrom, countedTo));
            }
        }
    }

    @Test
    void anArtistPageShowsItsNamesCountriesAndSignals() {
        JsonNode artist = API.getJson("/api/v1/artists/" + TestCatalog.VELVET
                + "?from=2026-11-28T00:00:00Z&to=2026-12-02T00:00:00Z");

        assertThat(artist.get("name").asText()).isEqualTo("Velvet Orrery");
        assertThat(artist.get("url").asText()).isEqualTo("https://velvetorrery.bandcamp.com");
        assertThat(artist.get("names").findValuesAsText("name")).containsExactly("Velvet Orrery", "The Velvet Orrery");
        assertThat(artist.get("topCountries").findValuesAsText("id")).contains("DE", "US", "JP", "unknown");
        assertThat(artist.get("topCountries").get(0).get("name").asText()).isIn("Germany", "United States", "Japan", "unknown");
        assertThat(artist.get("signals").findValuesAsText("id")).containsExactly("sig-1", "sig-2");
        assertThat(artist.get("totals").get("units").asLong()).isPositive();

        JsonNode label = API.getJson("/api/v1/labels/" + TestCatalog.HARBOUR_LABEL);
        assertThat(label.get("name").asText()).isEqualTo("Harbour Light");
        assertThat(label.get("bandId").asLong()).isEqualTo(338);
        API.execute("INSERT INTO tag VALUES ('IDM', 'descriptive')");
        assertThat(API.getJson("/api/v1/tags/idm").get("id").asText()).isEqualTo("IDM");
        JsonNode genre = API.getJson("/api/v1/tags/ELECTRONIC");
        assertThat(genre.get("id").asText()).isEqualTo("electronic");
        assertThat(genre.get("tagClass").asText()).isEqualTo("genre");
        assertThat(genre.get("dimension").asText()).isEqualTo("genre");
        // without from and to: the last 30 days, so none of these sales from a fixed past
        JsonNode recent = API.getJson("/api/v1/releases/" + TestCatalog.HARBOUR);
        assertThat(recent.get("title").asText()).isEqualTo("Title of " + TestCatalog.HARBOUR);
        assertThat(Duration.between(Instant.parse(recent.get("totals").get("from").asText()),
                Instant.parse(recent.get("totals").get("to").asText())).toDays()).isEqualTo(30);
    }

    @Test
    void findsAnArtistByAnySpellingOfItsSite() {
        for (String url : List.of("https://velvetorrery.bandcamp.com", "http://VelvetOrrery.Bandcamp.com/music",
                "https://velvetorrery.bandcamp.com/album/anything?from=x")) {
            JsonNode found = API.getJson("/api/v1/artists?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
            assertThat(found.get("items")).as(url).hasSize(1);
            assertThat(found.get("items").get(0).get("id").asText()).as(url).isEqualTo(TestCatalog.VELVET);
        }
        assertThat(API.getJson("/api/v1/artists?url=https://nobody.bandcamp.com").get("items")).isEmpty();
    }

    @Test
    void refusesBadIdsAndAnswers404ForUnknownOnes() {
        for (String bad : List.of("/api/v1/artists/NOT-AN-ID", "/api/v1/labels/x", "/api/v1/releases/abc",
                "/api/v1/artists?url=", "/api/v1/artists?url=ftp://x", "/api/v1/artists/" + TestCatalog.VELVET + "?from=then",
                "/api/v1/tags/" + "x".repeat(201), "/api/v1/labels/" + TestCatalog.HARBOUR_LABEL
                        + "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
        for (String unknown : List.of("/api/v1/artists/aaaaaaaaaaaaaaaa", "/api/v1/labels/aaaaaaaaaaaaaaaa",
                "/api/v1/releases/aaaaaaaaaaaaaaaa", "/api/v1/tags/polka%20noir")) {
            ApiResponse response = API.get(unknown);
            assertThat(response.status()).as(unknown).isEqualTo(404);
            assertThat(response.contentType()).as(unknown).startsWith("application/problem+json");
        }
    }

    /** The reference for an entity's countries: the sales that count for it, by their buyer's country. */
    private static Map<String, Sums> countriesOf(String dimension, String entityId, Instant from, Instant to) {
        String sql = TestRollups.COUNTED + """
                , mine AS (SELECT sale_id FROM counted WHERE dimension = ? AND entity_id = ?)
                SELECT entity_id, count(*) AS units, sum(amount_paid_usd) AS usd, count(DISTINCT event_id) AS carts
                FROM counted WHERE dimension = 'country' AND sale_id IN (SELECT sale_id FROM mine)
                  AND sold_at >= ? AND sold_at < ? GROUP BY entity_id""";
        return TestRollups.query(API, sql, dimension, entityId, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
    }
}
