package io.tracktion.api.sales;

import static io.tracktion.api.testing.TestSale.sale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestSale;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SalesListTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    @Test
    void listsEveryFieldOfASale() {
        API.insert(
                sale("full").cart("cart-9").soldAt("2026-11-24T10:15:30.123456Z").artist("Velvet Orrery")
                        .item("track", "Signal Fire", "Night Signals", "https://velvetorrery.bandcamp.com/track/signal-fire")
                        .paid("EUR", "4.5000", "4.0000", "5.2100").buyerIn("Germany", "de"),
                sale("sparse").soldAt("2026-11-24T09:00:00Z").item("physical", "Tape", null, null));

        JsonNode items = API.getJson("/api/v1/sales").get("items");

        JsonNode full = items.get(0);
        assertThat(full.get("saleId").asText()).isEqualTo("full");
        assertThat(full.get("eventId").asText()).isEqualTo("cart-9");
        assertThat(full.get("soldAt").asText()).isEqualTo("2026-11-24T10:15:30.123456Z");
        assertThat(full.get("artist").asText()).isEqualTo("Velvet Orrery");
        assertThat(full.get("itemType").asText()).isEqualTo("track");
        assertThat(full.get("title").asText()).isEqualTo("Signal Fire");
        assertThat(full.get("albumTitle").asText()).isEqualTo("Night Signals");
        assertThat(full.get("url").asText()).isEqualTo("https://velvetorrery.bandcamp.com/track/signal-fire");
        assertThat(full.get("currency").asText()).isEqualTo("EUR");
        assertThat(full.get("amountPaid").isNumber()).isTrue();
        assertThat(full.get("amountPaid").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(full.get("amountPaidUsd").decimalValue()).isEqualByComparingTo("5.21");
        assertThat(full.get("listPrice").decimalValue()).isEqualByComparingTo("4.00");
        assertThat(full.get("country").asText()).isEqualTo("Germany");
        assertThat(full.get("countryCode").asText()).isEqualTo("de");

        // absent values are there as null, so every sale has the same fields
        JsonNode sparse = items.get(1);
        assertThat(fieldNames(sparse)).isEqualTo(fieldNames(full));
        for (String field : List.of("albumTitle", "url", "listPrice", "country", "countryCode")) {
            assertThat(sparse.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void listsNewestFirstAndBreaksTiesBySaleIdDescending() {
        API.insert(
                sale("b").soldAt("2026-11-24T10:00:00Z"),
                sale("old").soldAt("2026-11-23T10:00:00Z"),
                sale("new").soldAt("2026-11-25T10:00:00Z"),
                sale("a").soldAt("2026-11-24T10:00:00Z"),
                sale("c").soldAt("2026-11-24T10:00:00Z"));

        assertThat(saleIds(API.getJson("/api/v1/sales"))).containsExactly("new", "c", "b", "a", "old");
    }

    @Test
    void followingNextVisitsEverySaleOnceEvenWhenManyShareATime() {
        List<TestSale> sales = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        // 23 sales; the 7 oldest (s00 to s06) share one microsecond, and a page ends among them
        for (int i = 0; i < 23; i++) {
            String id = "s%02d".formatted(i);
            sales.add(sale(id).soldAt(Instant.parse("2026-11-24T10:00:00.000001Z").plusSeconds(Math.max(0, i - 6))));
        }
        API.insert(sales);
        for (int i = 22; i >= 0; i--) {
            expected.add("s%02d".formatted(i));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String next = null;
        do {
            String query = "/api/v1/sales?limit=5" + (next == null ? "" : "&cursor=" + encode(next));
            JsonNode page = API.getJson(query);
            List<String> ids = saleIds(page);
            seen.addAll(ids);
            pageSizes.add(ids.size());
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null && pageSizes.size() < 10);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
    }

    @Test
    void aFullLastPageHasNoNext() {
        List<TestSale> sales = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sales.add(sale("s" + i).soldAt(Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i)));
        }
        API.insert(sales);

        JsonNode first = API.getJson("/api/v1/sales?limit=5");
        JsonNode second = API.getJson("/api/v1/sales?limit=5&cursor=" + encode(first.get("next").asText()));

        assertThat(saleIds(first)).containsExactly("s9", "s8", "s7", "s6", "s5");
        assertThat(saleIds(second)).containsExactly("s4", "s3", "s2", "s1", "s0");
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void limitDefaultsToFifty() {
        List<TestSale> sales = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sales.add(sale("s%02d".formatted(i)));
        }
        API.insert(sales);

        JsonNode page = API.getJson("/api/v1/sales");

        assertThat(page.get("items").size()).isEqualTo(50);
        assertThat(page.get("next").isNull()).isFalse();
    }

    @Test
    void anEmptyTableGivesAnEmptyPage() {
        JsonNode page = API.getJson("/api/v1/sales");

        assertThat(page.get("items").isArray()).isTrue();
        assertThat(page.get("items").size()).isZero();
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void filtersByExactArtistAndKeepsTheFilterAcrossPages() {
        API.insert(
                sale("v1").artist("Velvet Orrery").soldAt("2026-11-24T10:00:01Z"),
                sale("v2").artist("Velvet Orrery").soldAt("2026-11-24T10:00:02Z"),
                sale("v3").artist("Velvet Orrery").soldAt("2026-11-24T10:00:03Z"),
                sale("m1").artist("Moss Cathedral").soldAt("2026-11-24T10:00:04Z"),
                sale("x1").artist("Velvet").soldAt("2026-11-24T10:00:05Z"),
                sale("x2").artist("velvet orrery").soldAt("2026-11-24T10:00:06Z"));

        JsonNode first = API.getJson("/api/v1/sales?artist=Velvet%20Orrery&limit=2");
        JsonNode second = API.getJson("/api/v1/sales?artist=Velvet%20Orrery&limit=2&cursor=" + encode(first.get("next").asText()));

        assertThat(saleIds(first)).containsExactly("v3", "v2");
        assertThat(saleIds(second)).containsExactly("v1");
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void filtersByPeriodWithItsEndExcluded() {
        API.insert(
                sale("before").soldAt("2026-11-24T09:59:59.999999Z"),
                sale("at-from").soldAt("2026-11-24T10:00:00Z"),
                sale("inside").soldAt("2026-11-24T10:30:00Z"),
                sale("at-to").soldAt("2026-11-24T11:00:00Z"));

        JsonNode page = API.getJson("/api/v1/sales?from=2026-11-24T10:00:00Z&to=2026-11-24T11:00:00Z");

        assertThat(saleIds(page)).containsExactly("inside", "at-from");
    }

    @Test
    void keepsMicrosecondsOfSoldAt() {
        API.insert(
                sale("micro").soldAt("2026-11-24T10:15:30.000001Z"),
                sale("milli").soldAt("2026-11-24T10:15:29.120000Z"),
                sale("whole").soldAt("2026-11-24T10:15:28Z"));

        List<Instant> times = StreamSupport.stream(API.getJson("/api/v1/sales").get("items").spliterator(), false)
                .map(sale -> Instant.parse(sale.get("soldAt").asText()))
                .toList();

        assertThat(times).containsExactly(
                Instant.parse("2026-11-24T10:15:30.000001Z"),
                Instant.parse("2026-11-24T10:15:29.12Z"),
                Instant.parse("2026-11-24T10:15:28Z"));
    }

    @Test
    void nonLatinAndEmojiNamesRoundTripAndFilter() {
        String artist = "Сигур Рос 東京ノイズ 🎸";
        API.insert(
                sale("unicode").artist(artist).item("track", "Ünïcödé ✓", null, null),
                sale("other").artist("Velvet Orrery"));

        JsonNode page = API.getJson("/api/v1/sales?artist=" + encode(artist));

        assertThat(saleIds(page)).containsExactly("unicode");
        assertThat(page.get("items").get(0).get("artist").asText()).isEqualTo(artist);
        assertThat(page.get("items").get(0).get("title").asText()).isEqualTo("Ünïcödé ✓");
    }

    @Test
    void anArtistThatLooksLikeSqlIsJustANameThatMatchesNothing() {
        API.insert(sale("s1"), sale("s2"));

        JsonNode page = API.getJson("/api/v1/sales?artist=" + encode("x' OR '1'='1"));
        JsonNode drop = API.getJson("/api/v1/sales?artist=" + encode("x'; DROP TABLE sale; --"));

        assertThat(page.get("items").size()).isZero();
        assertThat(drop.get("items").size()).isZero();
        assertThat(API.getJson("/api/v1/sales").get("items").size()).isEqualTo(2);
    }

    private static List<String> saleIds(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(sale -> sale.get("saleId").asText())
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
