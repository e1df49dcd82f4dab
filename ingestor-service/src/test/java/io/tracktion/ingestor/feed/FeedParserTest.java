package io.tracktion.ingestor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.ingestor.testing.FeedJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedParserTest {

    private static final String ALL_FIELDS_EMPTY_ID = SaleIds.saleId(Map.of());

    @Test
    void readsTheInitialSampleWrappedInFeedData() throws Exception {
        String body = FeedJson.sample("get-initial.json");
        FeedWindow window = FeedParser.parse(body);

        assertThat(window.startDate()).isEqualTo(1750000020L);
        assertThat(window.endDate()).isEqualTo(1750000620L);
        assertThat(window.dataDelaySec()).isEqualTo(120);
        assertThat(window.serverTime()).isEqualTo(1750000629L);
        assertThat(window.events()).hasSize(5);
        assertThat(window.itemCount()).isEqualTo(6);
        assertThat(window.otherEventCount()).isZero();
        assertThat(window.unreadableEvents()).isEmpty();
        assertThat(window.events().get(3).items()).hasSize(2);
        assertThat(window.events().get(0).eventType()).isEqualTo("sale");
        assertThat(window.events().get(0).utcDate()).isEqualTo("1750000061.412733");
    }

    @Test
    void keepsEveryItemExactlyAsTheBodyHasIt() throws Exception {
        String body = FeedJson.sample("get-initial.json");
        List<FeedItem> items = items(FeedParser.parse(body));

        for (FeedItem item : items) {
            assertThat(item.json()).startsWith("{").endsWith("}");
            assertThat(body).contains(item.json());
        }
        FeedItem first = items.get(0);
        assertThat(first.json()).contains("\"utc_date\": 1750000061.5301187,\n            \"artist_name\": \"Velvet Orrery\"");
        assertThat(first.json()).contains("\"amount_over_fmt\": \"€3\""); // optional field, present
        assertThat(items.get(1).json()).doesNotContain("amount_over_fmt").contains("\"album_title\": \"Saltmarsh");
        assertThat(items.get(2).json()).contains("\"art_id\": null", "\"package_image_id\": 38810274");
        assertThat(items.get(5).json()).contains("\"amount_paid\": 1.5,", "\"amount_paid_fmt\": \"£1.50\"");
    }

    @Test
    void theBareWindowSampleGivesTheSameIdsAsTheWrappedOne() throws Exception {
        FeedWindow wrapped = FeedParser.parse(FeedJson.sample("get-initial.json"));
        FeedWindow bare = FeedParser.parse(FeedJson.sample("get-window.json"));

        assertThat(bare.endDate()).isEqualTo(wrapped.endDate());
        assertThat(items(bare)).extracting(FeedItem::saleId).isEqualTo(items(wrapped).stream().map(FeedItem::saleId).toList());
        assertThat(bare.events()).extracting(FeedEvent::eventId)
                .isEqualTo(wrapped.events().stream().map(FeedEvent::eventId).toList());
        // Same items, different indentation: the raw JSON is not normalised.
        assertThat(items(bare).get(0).json()).isNotEqualTo(items(wrapped).get(0).json());
    }

    @Test
    void anEmptyWindowOnlyHasServerTime() throws Exception {
        FeedWindow window = FeedParser.parse(FeedJson.sample("empty-window.json"));
        assertThat(window.isEmpty()).isTrue();
        assertThat(window.serverTime()).isEqualTo(1750001329L);
        assertThat(window.events()).isEmpty();
        assertThat(window.isBehindFeed()).isFalse();
    }

    @Test
    void serverTimeOutsideFeedDataIsUsedWhenInsideHasNone() throws Exception {
        FeedWindow window = FeedParser.parse("{\"feed_data\": {\"start_date\": 0, \"end_date\": 60}, \"server_time\": 99}");
        assertThat(window.serverTime()).isEqualTo(99L);
        assertThat(FeedParser.parse("{\"feed_data\": null, \"server_time\": 99}").isEmpty()).isTrue();
    }

    @Test
    void keepsItemsOfEveryTypeAndTheirOptionalFields() throws Exception {
        String album = "{\"item_type\": \"a\", \"slug_type\": \"a\", \"url\": \"//x.bandcamp.com/album/a\", \"addl_count\": 2}";
        String track = "{\"item_type\": \"t\", \"slug_type\": \"t\", \"album_title\": \"Parent\", \"track_album_slug_text\": \"p\"}";
        String physical = "{\"item_type\": \"p\", \"slug_type\": \"a\", \"item_slug\": \"cassette\", \"releases\": [{\"id\": 1}]}";
        String bundle = "{\"item_type\": \"b\", \"slug_type\": \"a\", \"utc_date_raw\": \"1750000061530118\"}";
        FeedWindow window = FeedParser.parse(window(cart("1.0", album, track, physical, bundle)));

        assertThat(items(window)).extracting(FeedItem::json).containsExactly(album, track, physical, bundle);
        assertThat(items(window)).extracting(FeedItem::saleId).doesNotHaveDuplicates();
    }

    @Test
    void keepsUnknownFieldsNullsAndNestingVerbatim() throws Exception {
        String item = "{ \"utc_date\" : 1750000061.5301187 , \"new_field\": {\"deep\": [1, 2.50, null, {\"x\": true}]},"
                + " \"album_title\": null,\"releases\":null ,\n\t\"note\": \"tab\\tand \\\"quotes\\\" and \\u00e9\" }";
        FeedItem parsed = items(FeedParser.parse(window(cart("1.0", item)))).get(0);
        assertThat(parsed.json()).isEqualTo(item);
    }

    @Test
    void amountsAndDatesKeepTheirTextForTheSaleId() throws Exception {
        String yen = "{\"utc_date\": 1750000061.5301187, \"currency\": \"JPY\", \"amount_paid\": 800, "
                + "\"item_price\": 800, \"amount_paid_fmt\": \"¥800\"}";
        String noisy = "{\"utc_date\": 1750000061.5301187, \"currency\": \"USD\", \"amount_paid\": 4.989999771118164}";
        String exponent = "{\"utc_date\": 1.75000006153011870E9, \"currency\": \"USD\", \"amount_paid\": 5.00}";
        List<FeedItem> items = items(FeedParser.parse(window(cart("1.0", yen, noisy, exponent))));

        assertThat(items).extracting(FeedItem::json).containsExactly(yen, noisy, exponent);
        assertThat(items.get(0).saleId()).isEqualTo(SaleIds.saleId(Map.of(
                "utc_date", "1750000061.5301187", "currency", "JPY", "amount_paid", "800")));
        assertThat(items.get(1).saleId()).isEqualTo(SaleIds.saleId(Map.of(
                "utc_date", "1750000061.5301187", "currency", "USD", "amount_paid", "4.989999771118164")));
        assertThat(items.get(2).saleId()).isEqualTo(SaleIds.saleId(Map.of(
                "utc_date", "1.75000006153011870E9", "currency", "USD", "amount_paid", "5.00")));
    }

    @Test
    void keepsNonLatinNamesEmojiAndEscapes() throws Exception {
        String japanese = "{\"artist_name\": \"星空テープ倶楽部\", \"item_description\": \"紙の彗星 🚀🎶\", \"url\": \"//hoshizora.bandcamp.com/track/x\"}";
        String cyrillic = "{\"artist_name\": \"Мумий Тролль\", \"item_description\": \"Морская 🌊\"}";
        String escaped = "{\"artist_name\": \"Mumiy\", \"item_description\": \"\\u041c\\u043e\\u0440\\u0441\\u043a\\u0430\\u044f \\ud83c\\udf0a\"}";
        String body = window(cart("1.0", japanese, cyrillic, escaped));
        List<FeedItem> items = items(FeedParser.parse(body));

        assertThat(items).extracting(FeedItem::json).containsExactly(japanese, cyrillic, escaped);
        // The id hashes the decoded text: an escaped and a literal description are the same sale data.
        assertThat(items.get(2).saleId()).isEqualTo(items.get(1).saleId());
        assertThat(items.get(0).saleId()).isEqualTo(SaleIds.saleId(Map.of(
                "item_description", "紙の彗星 🚀🎶", "url", "//hoshizora.bandcamp.com/track/x")));
    }

    @Test
    void keepsCustomDomainAndProtocolRelativeUrls() throws Exception {
        String item = "{\"url\": \"//music.northlabel.co.uk/album/tides\", \"art_url\": \"https://f4.bcbits.com/img/a1_7.jpg\"}";
        FeedItem parsed = items(FeedParser.parse(window(cart("1.0", item)))).get(0);
        assertThat(parsed.json()).isEqualTo(item);
        assertThat(parsed.saleId()).isEqualTo(SaleIds.saleId(Map.of("url", "//music.northlabel.co.uk/album/tides")));
    }

    @Test
    void nullsCountAsMissing() throws Exception {
        String allNull = "{\"utc_date\": null, \"url\": null, \"item_type\": null, \"item_description\": null, "
                + "\"currency\": null, \"amount_paid\": null, \"country_code\": null}";
        FeedWindow window = FeedParser.parse(window("{\"event_type\": null, \"utc_date\": null, \"items\": [" + allNull + ", {}]}"));
        FeedEvent event = window.events().get(0);
        assertThat(event.eventType()).isNull();
        assertThat(event.utcDate()).isNull();
        assertThat(event.items()).extracting(FeedItem::saleId).containsOnly(ALL_FIELDS_EMPTY_ID);
        assertThat(event.eventId()).isEqualTo(SaleIds.eventId(null, null, List.of(ALL_FIELDS_EMPTY_ID, ALL_FIELDS_EMPTY_ID)));
        assertThat(window.otherEventCount()).isEqualTo(1);
    }

    @Test
    void keepsItemsThatAreNotObjectsAsTheyAre() throws Exception {
        FeedWindow window = FeedParser.parse(window(cart("1.0", "\"oops\"", " 42 ", "null", "[1, [2]]", "true", "-0.5e3", "\"a \\\"b\\\"\"")));
        assertThat(items(window)).extracting(FeedItem::json)
                .containsExactly("\"oops\"", "42", "null", "[1, [2]]", "true", "-0.5e3", "\"a \\\"b\\\"\"");
        assertThat(items(window)).extracting(FeedItem::saleId).containsOnly(ALL_FIELDS_EMPTY_ID);
    }

    @Test
    void valuesOfTheWrongTypeAreHashedByTheirText() throws Exception {
        String item = "{\"url\": 17, \"item_type\": true, \"item_description\": {\"a\": [1]}}";
        FeedItem parsed = items(FeedParser.parse(window(cart("1.0", item)))).get(0);
        Map<String, String> expected = new HashMap<>();
        expected.put("url", "17");
        expected.put("item_type", "true");
        expected.put("item_description", "{\"a\": [1]}");
        assertThat(parsed.saleId()).isEqualTo(SaleIds.saleId(expected));
    }

    @Test
    void keepsEventsOfOtherTypesAndCountsThem() throws Exception {
        FeedWindow window = FeedParser.parse(window(cart("1.0", "{}") + ","
                + "{\"event_type\": \"refund\", \"utc_date\": 2.0, \"items\": [{\"item_type\": \"a\"}], \"extra\": 1}"));
        assertThat(window.events()).extracting(FeedEvent::eventType).containsExactly("sale", "refund");
        assertThat(window.otherEventCount()).isEqualTo(1);
        assertThat(window.itemCount()).isEqualTo(2);
    }

    @Test
    void toleratesMissingNullAndEmptyEventsAndItems() throws Exception {
        assertThat(FeedParser.parse("{\"start_date\": 0, \"end_date\": 60, \"server_time\": 70}").events()).isEmpty();
        assertThat(FeedParser.parse("{\"start_date\": 0, \"end_date\": 60, \"events\": null}").events()).isEmpty();
        FeedWindow window = FeedParser.parse(window("{\"event_type\": \"sale\"}, {\"event_type\": \"sale\", \"items\": []}"));
        assertThat(window.events()).hasSize(2);
        assertThat(window.itemCount()).isZero();
        assertThat(window.isEmpty()).isFalse();
    }

    @Test
    void setsAsideEventsItCannotRead() throws Exception {
        String body = window("\"not an event\", 7, " + cart("1.0", "{\"item_type\": \"a\"}")
                + ", {\"event_type\": \"sale\", \"items\": {\"item_type\": \"a\"}}");
        FeedWindow window = FeedParser.parse(body);
        assertThat(window.unreadableEvents()).containsExactly(
                "\"not an event\"", "7", "{\"event_type\": \"sale\", \"items\": {\"item_type\": \"a\"}}");
        assertThat(window.events()).hasSize(1);
    }

    @Test
    void acceptsWholeNumbersWrittenAsFloats() throws Exception {
        FeedWindow window = FeedParser.parse("{\"start_date\": 1750000020.0, \"end_date\": 1.75000062E9, \"data_delay_sec\": 120}");
        assertThat(window.startDate()).isEqualTo(1750000020L);
        assertThat(window.endDate()).isEqualTo(1750000620L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<html><body>502 Bad Gateway</body></html>",
        "{\"start_date\": 0, \"end_date\": 60, \"events\": [",
        "[{\"start_date\": 0}]",
        "\"just a string\"",
        "{\"feed_data\": \"soon\"}",
        "{\"start_date\": \"0\", \"end_date\": 60}",
        "{\"start_date\": 0, \"end_date\": 60.5}",
        "{\"start_date\": 0, \"end_date\": 99999999999999999999999}",
        "{\"start_date\": 0, \"end_date\": 60, \"data_delay_sec\": 99999999999}",
        "{\"start_date\": 0, \"end_date\": 60, \"events\": {}}",
        "{\"events\": [], \"server_time\": 5}",
        "{\"start_date\": 60, \"server_time\": 5}",
        "{\"start_date\": 60, \"end_date\": 0}",
        "{\"server_time\": 5} trailing",
        "{\"server_time\": 5}{\"server_time\": 6}",
    })
    void refusesWhatIsNotAWindow(String body) {
        assertThatThrownBy(() -> FeedParser.parse(body))
                .isInstanceOf(MalformedFeedException.class)
                .satisfies(e -> assertThat(((MalformedFeedException) e).snippet()).hasSizeLessThanOrEqualTo(201));
    }

    @Test
    void theSnippetIsShortAndOnOneLine() {
        String body = "<html>\n" + "x".repeat(1000);
        assertThatThrownBy(() -> FeedParser.parse(body))
                .isInstanceOfSatisfying(MalformedFeedException.class, e -> {
                    assertThat(e.snippet()).startsWith("<html> xxx").hasSize(201).doesNotContain("\n");
                    assertThat(e.getMessage()).startsWith("not valid JSON");
                });
    }

    @Test
    void aWindowIsBehindWhenTheFeedHasAWholeWindowMoreOfCompleteData() {
        // Window of 600 s; the feed is complete up to server_time - 120.
        assertThat(window(0, 600, 600 + 120 + 600).isBehindFeed()).isTrue();
        assertThat(window(0, 600, 600 + 120 + 599).isBehindFeed()).isFalse();
        assertThat(window(0, 600, 650).isBehindFeed()).isFalse();
        // A short window still needs a minute of newer data.
        assertThat(window(0, 10, 10 + 120 + 60).isBehindFeed()).isTrue();
        assertThat(window(0, 10, 10 + 120 + 59).isBehindFeed()).isFalse();
        assertThat(new FeedWindow(0L, 600L, 120, null, List.of(), List.of()).isBehindFeed()).isFalse();
        assertThat(new FeedWindow(null, 600L, null, 100_000L, List.of(), List.of()).isBehindFeed()).isTrue();
    }

    private static FeedWindow window(long start, long end, long serverTime) {
        return new FeedWindow(start, end, 120, serverTime, List.of(), List.of());
    }

    private static String window(String events) {
        return "{\"start_date\": 0, \"end_date\": 600, \"data_delay_sec\": 120, \"events\": [" + events + "], \"server_time\": 700}";
    }

    private static String cart(String utcDate, String... items) {
        return "{\"event_type\": \"sale\", \"utc_date\": " + utcDate + ", \"items\": [" + String.join(",", items) + "]}";
    }

    private static List<FeedItem> items(FeedWindow window) {
        return window.events().stream().flatMap(event -> event.items().stream()).toList();
    }
}
