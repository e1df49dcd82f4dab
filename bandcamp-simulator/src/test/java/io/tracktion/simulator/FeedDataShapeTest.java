package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Twelve hours of seed 42 hold every shape a consumer must handle, in Bandcamp's exact field layout. */
@Timeout(60)
class FeedDataShapeTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:42Z");
    private static final long FLOORED = NOW.getEpochSecond() - 42;
    private static final long HOURS = 12;
    /** The item fields of the captures (get-window.json), in order; the optional ones go where Bandcamp puts them. */
    private static final List<String> ITEM_FIELDS = List.of("utc_date", "artist_name", "item_type", "item_description",
            "album_title", "slug_type", "track_album_slug_text", "currency", "amount_paid", "item_price",
            "amount_paid_usd", "country", "art_id", "releases", "package_image_id", "url", "country_code",
            "amount_paid_fmt", "amount_over_fmt", "art_url", "item_slug");
    private static final Pattern PROTOCOL_RELATIVE = Pattern.compile("//([a-z0-9.-]+)/(album|track|merch)/[a-z0-9-]+");

    private static BandcampSimulator simulator;
    private static List<JsonNode> events;
    private static List<JsonNode> items;

    @BeforeAll
    static void readTwelveHours() {
        simulator = BandcampSimulator.builder().seed(42).clock(SimClock.manual(NOW)).build().start();
        List<JsonNode> windows = new FeedClient(simulator.baseUrl()).tileFrom(FLOORED - HOURS * 3600);
        events = new ArrayList<>();
        windows.forEach(w -> w.get("events").forEach(events::add));
        items = FeedClient.items(windows);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void rateIsAboutThirtyItemsAMinuteInSmallCarts() {
        double perMinute = items.size() / (HOURS * 60.0);
        assertTrue(perMinute > 27 && perMinute < 33, "items per minute: " + perMinute);
        Map<Integer, Integer> sizes = new HashMap<>();
        for (JsonNode event : events) {
            assertEquals(List.of("event_type", "utc_date", "items"), FeedWindowTest.fieldNames(event));
            assertEquals("sale", event.get("event_type").asText());
            sizes.merge(event.get("items").size(), 1, Integer::sum);
        }
        assertEquals(Set.of(1, 2, 3, 4), sizes.keySet());
        assertTrue(sizes.get(1) > events.size() / 2, "mostly single items: " + sizes);
    }

    @Test
    void everyItemHasTheCapturedFieldsInTheCapturedOrder() {
        for (JsonNode item : items) {
            List<String> names = FeedWindowTest.fieldNames(item);
            List<String> expected = new ArrayList<>(ITEM_FIELDS);
            if (!item.has("amount_over_fmt")) {
                expected.remove("amount_over_fmt");
            }
            if (!item.has("item_slug")) {
                expected.remove("item_slug");
            }
            assertEquals(expected, names);
            assertTrue(item.get("utc_date").isBigDecimal(), "utc_date is a float");
            assertTrue(item.get("amount_paid").isNumber() && item.get("item_price").isNumber()
                    && item.get("amount_paid_usd").isNumber());
            assertTrue(item.get("country_code").asText().matches("[a-z]{2}"));
            assertTrue(item.get("releases").isNull() && item.get("track_album_slug_text").isNull());
            assertTrue(item.get("art_url").asText().startsWith("https://"));
        }
    }

    @Test
    void itemsComeAfterTheirCart() {
        for (JsonNode event : events) {
            BigDecimal cart = event.get("utc_date").decimalValue();
            BigDecimal previous = cart;
            for (JsonNode item : event.get("items")) {
                BigDecimal at = item.get("utc_date").decimalValue();
                assertTrue(at.compareTo(previous) > 0, at + " not after " + previous);
                assertTrue(at.subtract(cart).compareTo(BigDecimal.ONE) < 0, "within a second of the cart");
                previous = at;
            }
        }
        assertPresent("item utc_date with sub-microsecond digits", i -> i.get("utc_date").asText().matches("\\d+\\.\\d{7,}"));
    }

    @Test
    void itemAndSlugTypesMatchTheirUrls() {
        Set<String> combinations = new HashSet<>();
        for (JsonNode item : items) {
            String type = item.get("item_type").asText();
            String slugType = item.get("slug_type").asText();
            combinations.add(type + "/" + slugType);
            var url = PROTOCOL_RELATIVE.matcher(item.get("url").asText());
            assertTrue(url.matches(), "url " + item.get("url"));
            assertEquals(Map.of("a", "album", "t", "track", "p", "merch").get(slugType), url.group(2));
            switch (type + "/" + slugType) {
                case "a/a", "b/a" -> assertTrue(item.get("album_title").isNull());
                case "p/a" -> {
                    assertTrue(item.get("album_title").isTextual(), "a physical format names its album");
                    assertTrue(item.get("art_id").isNull() && item.get("package_image_id").isIntegralNumber());
                }
                case "p/p" -> assertTrue(item.get("package_image_id").isIntegralNumber());
                case "t/t" -> { }
                default -> throw new AssertionError("unexpected types " + type + "/" + slugType);
            }
        }
        assertEquals(Set.of("a/a", "t/t", "p/a", "p/p", "b/a"), combinations);
        assertPresent("a cassette", i -> i.get("item_description").asText().contains("Cassette"));
        assertPresent("a 12\" vinyl", i -> i.get("item_description").asText().contains("12\" Vinyl"));
        assertPresent("a t-shirt", i -> i.get("item_description").asText().contains("T-Shirt"));
        assertPresent("a discography", i -> i.get("item_description").asText().equals("Full Digital Discography"));
        assertPresent("a single (track without album)", i -> i.get("item_type").asText().equals("t") && i.get("album_title").isNull());
        assertPresent("a track of an album", i -> i.get("item_type").asText().equals("t") && i.get("album_title").isTextual());
        assertPresent("an album without art", i -> i.get("item_type").asText().equals("a") && i.get("art_id").isNull());
    }

    @Test
    void manyCurrenciesWithBandcampFormatting() {
        Set<String> currencies = new HashSet<>();
        items.forEach(i -> currencies.add(i.get("currency").asText()));
        assertTrue(currencies.containsAll(Set.of("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "CHF", "NZD")),
                "currencies: " + currencies);
        for (JsonNode item : items) {
            String currency = item.get("currency").asText();
            String fmt = item.get("amount_paid_fmt").asText();
            if (currency.equals("JPY")) {
                assertTrue(item.get("amount_paid").isIntegralNumber(), "whole yen: " + item.get("amount_paid"));
                assertTrue(fmt.matches("¥\\d{1,3}(,\\d{3})*"), fmt);
            }
            if (currency.equals("EUR")) {
                assertTrue(fmt.matches("€\\d+(\\.\\d\\d)?"), fmt);
            }
            if (currency.equals("GBP")) {
                assertTrue(fmt.matches("£\\d+(\\.\\d\\d)?"), fmt);
            }
        }
        assertPresent("\"$12\"", i -> i.get("amount_paid_fmt").asText().equals("$12"));
        assertPresent("a fractional GBP amount like \"£1.50\"", i -> i.get("amount_paid_fmt").asText().matches("£\\d+\\.\\d\\d"));
    }

    @Test
    void nameYourPriceAndOverpaysCarryAmountOverOnlyWhenPaidAbovePrice() {
        for (JsonNode item : items) {
            BigDecimal paid = item.get("amount_paid").decimalValue();
            BigDecimal price = item.get("item_price").decimalValue();
            assertTrue(paid.signum() > 0, "every sale pays something");
            assertTrue(paid.compareTo(price) >= 0, "paid at least the price");
            assertEquals(paid.compareTo(price) > 0, item.has("amount_over_fmt"), item.toString());
        }
        assertPresent("a name-your-price item", i -> i.get("item_price").decimalValue().signum() == 0);
        assertPresent("an overpaid priced item",
                i -> i.get("item_price").decimalValue().signum() > 0 && i.has("amount_over_fmt"));
        assertPresent("an overpay of \"$0.50\" or similar", i -> i.path("amount_over_fmt").asText().matches("\\D*0\\.50\\D*"));
    }

    @Test
    void amountsCarryFloatNoiseLikeBandcamp() {
        assertPresent("amount_paid with float noise", i -> fractionDigits(i.get("amount_paid")) >= 10);
        assertPresent("item_price with float noise", i -> fractionDigits(i.get("item_price")) >= 10);
        assertPresent("amount_paid_usd with float noise", i -> fractionDigits(i.get("amount_paid_usd")) >= 10);
        assertPresent("amount_paid_usd with fractions of a cent", i -> fractionDigits(i.get("amount_paid_usd")) == 3
                || fractionDigits(i.get("amount_paid_usd")) == 4);
        assertPresent("4.989999771118164-style noise", i -> i.get("amount_paid").asText().matches("\\d+\\.\\d*9999\\d*"));
    }

    @Test
    void namesInManyScriptsAndSomeCustomDomains() {
        Map<String, Pattern> scripts = Map.of(
                "Latin with accents", Pattern.compile("[À-ÿĀ-ž]"),
                "Japanese", Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}]"),
                "Cyrillic", Pattern.compile("\\p{IsCyrillic}"),
                "Arabic", Pattern.compile("\\p{IsArabic}"),
                "Korean", Pattern.compile("\\p{IsHangul}"),
                "emoji", Pattern.compile("[\\x{1F300}-\\x{1FAFF}\\x{2728}]"));
        scripts.forEach((script, pattern) ->
                assertPresent("an artist name in " + script, i -> pattern.matcher(i.get("artist_name").asText()).find()));
        assertPresent("a custom domain", i -> !hostOf(i).endsWith(".bandcamp.com"));
        Set<String> artists = new HashSet<>();
        items.forEach(i -> artists.add(i.get("artist_name").asText()));
        assertTrue(artists.size() > 150, "a long tail of artists: " + artists.size());
        assertPresent("a buyer country name with accents", i -> i.get("country").asText().matches(".*[^\\x00-\\x7F].*"));
    }

    private static String hostOf(JsonNode item) {
        var matcher = PROTOCOL_RELATIVE.matcher(item.get("url").asText());
        assertTrue(matcher.matches());
        return matcher.group(1);
    }

    private static int fractionDigits(JsonNode number) {
        String text = number.asText();
        int dot = text.indexOf('.');
        return dot < 0 ? 0 : text.length() - dot - 1;
    }

    private static void assertPresent(String what, Predicate<JsonNode> test) {
        JsonNode found = items.stream().filter(test).findFirst().orElse(null);
        assertNotNull(found, "no item with " + what + " among " + items.size());
    }
}
