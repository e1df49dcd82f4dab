package io.tracktion.api.artists;

import static io.tracktion.api.testing.TestSale.sale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestRollups;
import io.tracktion.api.testing.TestSale;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopArtistsTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    /**
     * A sale of an artist whose release is known: artists are ranked by their id (from their page), as the
     * transformer counts them, and named from table artist. The artist and its one release are made if missing.
     */
    private static TestSale by(String saleId, String artist) {
        String id = "art-" + artist.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        String url = "https://" + id.substring(4).replace("-", "") + ".bandcamp.com";
        API.execute("""
                INSERT INTO artist VALUES ('%1$s', '%3$s', NULL, '%2$s', NULL, now()) ON CONFLICT DO NOTHING;
                INSERT INTO release (release_id, url, status, title, artist_id, first_seen_at)
                VALUES ('rel-%1$s', '%3$s/album/x', 'known', 'X', '%1$s', now()) ON CONFLICT DO NOTHING;
                """.formatted(id, artist, url));
        return sale(saleId).artist(artist).artistUrl(url).attributed("rel-" + id, id, null);
    }

    /** Inserts the sales and fills the rollups from them, as the loader would from the transformer's topics. */
    private static void insert(TestSale... sales) {
        insert(List.of(sales));
    }

    private static void insert(List<TestSale> sales) {
        API.insert(sales);
        TestRollups.rebuild(API);
    }

    /** Big Spender earns the most from one sale; Many Units sells the most items. */
    private static void insertTwoKindsOfSuccess() {
        insert(
                by("b1", "Big Spender").usd("50.00"),
                by("m1", "Many Units").usd("1.00"),
                by("m2", "Many Units").usd("1.00"),
                by("m3", "Many Units").usd("1.00"),
                by("s1", "Small Fry").usd("2.00"));
    }

    @Test
    void ranksByRevenueByDefault() {
        insertTwoKindsOfSuccess();

        JsonNode top = API.getJson("/api/v1/artists/top");

        assertThat(artists(top)).containsExactly("Big Spender", "Many Units", "Small Fry");
        JsonNode first = top.get(0);
        assertThat(first.get("artistUrl").asText()).isEqualTo("https://bigspender.bandcamp.com");
        assertThat(first.get("revenueUsd").isNumber()).isTrue();
        assertThat(first.get("revenueUsd").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(first.get("units").asLong()).isEqualTo(1);
        assertThat(first.get("id").asText()).isEqualTo("art-big-spender");
        assertThat(top.get(1).get("artistUrl").asText()).isEqualTo("https://manyunits.bandcamp.com");
    }

    @Test
    void ranksByUnits() {
        insertTwoKindsOfSuccess();

        JsonNode top = API.getJson("/api/v1/artists/top?by=units");

        assertThat(artists(top)).containsExactly("Many Units", "Big Spender", "Small Fry");
        assertThat(top.get(0).get("units").asLong()).isEqualTo(3);
        assertThat(top.get(0).get("revenueUsd").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(API.getJson("/api/v1/artists/top?by=revenue")).isEqualTo(API.getJson("/api/v1/artists/top"));
    }

    @Test
    void breaksTiesByArtistName() {
        insert(
                by("c", "Cello Weather").usd("5.00"),
                by("a", "Accordion Static").usd("5.00"),
                by("b", "Bassline Harbour").usd("5.00"));

        assertThat(artists(API.getJson("/api/v1/artists/top")))
                .containsExactly("Accordion Static", "Bassline Harbour", "Cello Weather");
        assertThat(artists(API.getJson("/api/v1/artists/top?by=units")))
                .containsExactly("Accordion Static", "Bassline Harbour", "Cello Weather");
    }

    @Test
    void limitsTheListToTenByDefaultOrAsAsked() {
        List<TestSale> sales = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            sales.add(by("s" + i, "Artist %02d".formatted(i)).usd(i + ".00"));
        }
        insert(sales);

        assertThat(API.getJson("/api/v1/artists/top").size()).isEqualTo(10);
        assertThat(artists(API.getJson("/api/v1/artists/top?limit=3")))
                .containsExactly("Artist 14", "Artist 13", "Artist 12");
    }

    @Test
    void countsOnlyTheSalesOfThePeriod() {
        insert(
                by("old", "Big Spender").soldAt("2026-11-23T12:00:00Z").usd("100.00"),
                by("in1", "Many Units").soldAt("2026-11-24T12:00:00Z").usd("1.00"),
                by("in2", "Big Spender").soldAt("2026-11-24T13:00:00Z").usd("0.50"),
                by("next-day", "Big Spender").soldAt("2026-11-25T00:00:00Z").usd("100.00"));

        JsonNode top = API.getJson("/api/v1/artists/top?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z");

        assertThat(artists(top)).containsExactly("Many Units", "Big Spender");
        assertThat(top.get(1).get("revenueUsd").decimalValue()).isEqualByComparingTo("0.50");
    }

    @Test
    void anEmptyTableGivesAnEmptyList() {
        JsonNode top = API.getJson("/api/v1/artists/top");

        assertThat(top.isArray()).isTrue();
        assertThat(top.size()).isZero();
    }

    private static List<String> artists(JsonNode top) {
        return StreamSupport.stream(top.spliterator(), false).map(artist -> artist.get("artist").asText()).toList();
    }
}
