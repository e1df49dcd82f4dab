package io.tracktion.ingestor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.ingestor.testing.FeedJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SaleIdsTest {

    /** The first item of get-initial.json, field by field. */
    private static final Map<String, String> FIRST_SAMPLE_ITEM = Map.of(
            "utc_date", "1750000061.5301187",
            "url", "//velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay",
            "item_type", "a",
            "item_description", "Lanterns Over Kessel Bay",
            "currency", "EUR",
            "amount_paid", "10",
            "country_code", "de");

    // Computed independently: sha256("1750000061.5301187\x1f//velvetorrery...\x1fa\x1f...\x1fde")[:32]
    private static final String FIRST_SAMPLE_SALE_ID = "bcffac838c3d0a346f0412b9c9468ca7";
    private static final String FIRST_SAMPLE_EVENT_ID = "712b6a2ef50b03a70cc5c6c43dd77ad1";

    static final List<String> SALE_ID_FIELDS = SaleIds.SALE_ID_FIELDS;

    @Test
    void knownVectorForTheFirstSampleItem() {
        assertThat(SaleIds.saleId(FIRST_SAMPLE_ITEM)).isEqualTo(FIRST_SAMPLE_SALE_ID);
        assertThat(SaleIds.eventId("1750000061.412733", "sale", List.of(FIRST_SAMPLE_SALE_ID)))
                .isEqualTo(FIRST_SAMPLE_EVENT_ID);
    }

    @Test
    void theParserGivesTheSameIdsForTheSampleFile() throws Exception {
        FeedWindow window = FeedParser.parse(FeedJson.sample("get-initial.json"));
        FeedEvent first = window.events().get(0);
        assertThat(first.items().get(0).saleId()).isEqualTo(FIRST_SAMPLE_SALE_ID);
        assertThat(first.eventId()).isEqualTo(FIRST_SAMPLE_EVENT_ID);
    }

    @Test
    void isDeterministicLowerCaseHexOf32() {
        String id = SaleIds.saleId(new HashMap<>(FIRST_SAMPLE_ITEM));
        assertThat(id).isEqualTo(SaleIds.saleId(FIRST_SAMPLE_ITEM)).matches("[0-9a-f]{32}");
    }

    @ParameterizedTest
    @FieldSource("SALE_ID_FIELDS")
    void differsWhenAnyFieldDiffers(String field) {
        Map<String, String> changed = new HashMap<>(FIRST_SAMPLE_ITEM);
        changed.put(field, FIRST_SAMPLE_ITEM.get(field) + "x");
        assertThat(SaleIds.saleId(changed)).isNotEqualTo(FIRST_SAMPLE_SALE_ID);
    }

    @ParameterizedTest
    @FieldSource("SALE_ID_FIELDS")
    void missingAndNullAndEmptyFieldsAreTheSame(String field) {
        Map<String, String> missing = new HashMap<>(FIRST_SAMPLE_ITEM);
        missing.remove(field);
        Map<String, String> nulled = new HashMap<>(FIRST_SAMPLE_ITEM);
        nulled.put(field, null);
        Map<String, String> empty = new HashMap<>(FIRST_SAMPLE_ITEM);
        empty.put(field, "");
        assertThat(SaleIds.saleId(missing)).isEqualTo(SaleIds.saleId(nulled)).isEqualTo(SaleIds.saleId(empty))
                .isNotEqualTo(FIRST_SAMPLE_SALE_ID);
    }

    @Test
    void theSeparatorKeepsFieldBoundaries() {
        Map<String, String> a = new HashMap<>(FIRST_SAMPLE_ITEM);
        a.put("item_type", "ab");
        a.put("item_description", "c");
        Map<String, String> b = new HashMap<>(FIRST_SAMPLE_ITEM);
        b.put("item_type", "a");
        b.put("item_description", "bc");
        assertThat(SaleIds.saleId(a)).isNotEqualTo(SaleIds.saleId(b));
    }

    @Test
    void numbersCountByTheirTextNotTheirValue() {
        Map<String, String> tenPointZero = new HashMap<>(FIRST_SAMPLE_ITEM);
        tenPointZero.put("amount_paid", "10.0");
        assertThat(SaleIds.saleId(tenPointZero)).isNotEqualTo(FIRST_SAMPLE_SALE_ID);
    }

    @Test
    void fieldsOutsideTheRuleDoNotCount() throws Exception {
        String item = "{\"utc_date\": 1.5, \"url\": \"//a.bandcamp.com/album/x\", \"artist_name\": \"%s\"}";
        assertThat(onlyItem(window(item.formatted("One"))).saleId())
                .isEqualTo(onlyItem(window(item.formatted("Another"))).saleId());
    }

    @Test
    void stableUnderKeyOrderAndWhitespace() throws Exception {
        String compact = "{\"utc_date\":1750000061.5301187,\"url\":\"//velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay\","
                + "\"item_type\":\"a\",\"item_description\":\"Lanterns Over Kessel Bay\",\"currency\":\"EUR\","
                + "\"amount_paid\":10,\"country_code\":\"de\"}";
        String reordered = "{\n  \"country_code\" : \"de\",\n\t\"amount_paid\" :10 , \"currency\":\"EUR\",\"extra\":[1,{\"x\":2}],"
                + "\"item_description\":\"Lanterns Over Kessel Bay\",  \"item_type\":\"a\",\n"
                + "\"url\":\"\\/\\/velvetorrery.bandcamp.com\\/album\\/lanterns-over-kessel-bay\",\"utc_date\":  1750000061.5301187 }";
        assertThat(onlyItem(window(compact)).saleId()).isEqualTo(FIRST_SAMPLE_SALE_ID);
        assertThat(onlyItem(window(reordered)).saleId()).isEqualTo(FIRST_SAMPLE_SALE_ID);
    }

    @Test
    void eventIdDependsOnItsDateTypeAndItemsInOrder() {
        String base = SaleIds.eventId("1.5", "sale", List.of("a", "b"));
        assertThat(SaleIds.eventId("1.5", "sale", List.of("a", "b"))).isEqualTo(base);
        assertThat(SaleIds.eventId("1.50", "sale", List.of("a", "b"))).isNotEqualTo(base);
        assertThat(SaleIds.eventId("1.5", "refund", List.of("a", "b"))).isNotEqualTo(base);
        assertThat(SaleIds.eventId("1.5", "sale", List.of("b", "a"))).isNotEqualTo(base);
        assertThat(SaleIds.eventId("1.5", "sale", List.of("a"))).isNotEqualTo(base);
    }

    private static String window(String item) {
        return "{\"start_date\": 0, \"end_date\": 60, \"server_time\": 100, \"events\": "
                + "[{\"event_type\": \"sale\", \"utc_date\": 1.0, \"items\": [" + item + "]}]}";
    }

    private static FeedItem onlyItem(String body) throws MalformedFeedException {
        return FeedParser.parse(body).events().get(0).items().get(0);
    }
}
