package io.tracktion.api.artists;

import static io.tracktion.api.testing.TestSale.sale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestSale;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopArtistsTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    /** Big Spender earns the most from one sale; Many Units sells the most items. */
    private static void insertTwoKindsOfSuccess() {
        API.insert(
                sale("b1").artist("Big Spender").artistUrl("https://bigspender.bandcamp.com").usd("50.00"),
                sale("m1").artist("Many Units").usd("1.00"),
                sale("m2").artist("Many Units").usd("1.00"),
                sale("m3").artist("Many Units").artistUrl("https://manyunits.bandcamp.com").usd("1.00"),
                sale("s1").artist("Small Fry").usd("2.00"));
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
        // the one sale that named a page names it for all of the artist's sales
        assertThat(top.get(1).get("artistUrl").asText()).isEqualTo("https://manyunits.bandcamp.com");
        assertThat(top.get(2).get("artistUrl").isNull()).isTrue();
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
        API.insert(
                sale("c").artist("Cello Weather").usd("5.00"),
                sale("a").artist("Accordion Static").usd("5.00"),
                sale("b").artist("Bassline Harbour").usd("5.00"));

        assertThat(artists(API.getJson("/api/v1/artists/top")))
                .containsExactly("Accordion Static", "Bassline Harbour", "Cello Weather");
        assertThat(artists(API.getJson("/api/v1/artists/top?by=units")))
                .containsExactly("Accordion Static", "Bassline Harbour", "Cello Weather");
    }

    @Test
    void limitsTheListToTenByDefaultOrAsAsked() {
        List<TestSale> sales = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            sales.add(sale("s" + i).artist("Artist %02d".formatted(i)).usd(i + ".00"));
        }
        API.insert(sales);

        assertThat(API.getJson("/api/v1/artists/top").size()).isEqualTo(10);
        assertThat(artists(API.getJson("/api/v1/artists/top?limit=3")))
                .containsExactly("Artist 14", "Artist 13", "Artist 12");
    }

    @Test
    void countsOnlyTheSalesOfThePeriod() {
        API.insert(
                sale("old").artist("Big Spender").soldAt("2026-11-23T12:00:00Z").usd("100.00"),
                sale("in1").artist("Many Units").soldAt("2026-11-24T12:00:00Z").usd("1.00"),
                sale("in2").artist("Big Spender").soldAt("2026-11-24T13:00:00Z").usd("0.50"),
                sale("next-day").artist("Big Spender").soldAt("2026-11-25T00:00:00Z").usd("100.00"));

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
