package io.tracktion.transformer.parse;

import static io.tracktion.transformer.testing.Samples.ALBUM_EUR_OVERPAID;
import static io.tracktion.transformer.testing.Samples.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.schemas.RawSale;
import io.tracktion.transformer.testing.Samples;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser alone: what it rejects and why. The accepted shapes are covered through the topology. */
class SaleParserTest {

    private static final String ALBUM = Samples.item(ALBUM_EUR_OVERPAID);

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"oops\"", "42", "null", "[{\"artist_name\": \"A\"}]", "", "   "})
    void rejectsAnItemThatIsNotAnObject(String itemJson) {
        assertRejected(itemJson, "item is not a JSON object: ");
    }

    @Test
    void rejectsInvalidJsonAndTrailingContent() {
        assertRejected("{\"artist_name\": ", "item is not valid JSON: ");
        assertRejected(ALBUM + " {}", "item has content after its JSON object");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "\"amount_paid\": 10,        | \"amount_paid\": \"abc\",    | amount_paid is not a number: abc",
            "\"amount_paid\": 10,        | \"amount_paid\": true,       | amount_paid is not a number: true",
            "\"amount_paid\": 10,        | \"amount_paid\": {\"v\": 1}, | amount_paid is not a number: an object or list",
            "\"amount_paid\": 10,        | \"amount_paid\": -10,        | amount_paid is negative: -10",
            "\"amount_paid\": 10,        | \"amount_paid\": 1e13,       | amount_paid is out of range: 1e13",
            "\"amount_paid\": 10,        |                              | amount_paid is missing",
            "\"amount_paid\": 10,        | \"amount_paid\": null,       | amount_paid is missing",
            "\"item_price\": 7,          | \"item_price\": \"seven\",   | item_price is not a number: seven",
            "\"amount_paid_usd\": 11.62, |                              | amount_paid_usd is missing for a sale in EUR",
            "\"item_type\": \"a\",       | \"item_type\": \"x\",        | item_type is unknown: x",
            "\"item_type\": \"a\",       |                              | item_type is missing",
            "\"artist_name\": \"Velvet Orrery\", |                      | artist_name is missing",
            "\"artist_name\": \"Velvet Orrery\", | \"artist_name\": \"  \", | artist_name is blank",
            "\"artist_name\": \"Velvet Orrery\", | \"artist_name\": [],   | artist_name is not text but an object or list",
            "\"item_description\": \"Lanterns Over Kessel Bay\", | \"item_description\": null, | item_description is missing",
            "\"currency\": \"EUR\",      | \"currency\": \"EURO\",      | currency is not a 3-letter code: EURO",
            "\"currency\": \"EUR\",      | \"currency\": \"€\",         | currency is not a 3-letter code: €",
            "\"currency\": \"EUR\",      |                              | currency is missing",
            "\"utc_date\": 1750000061.5301187, | \"utc_date\": \"noon\", | utc_date is not a number: noon",
    })
    void rejectsABadFieldNamingIt(String original, String replacement, String message) {
        String item = ALBUM.replace(original.strip(), replacement == null ? "" : replacement.strip());
        assertThat(item).isNotEqualTo(ALBUM);

        assertRejected(item, message.strip());
    }

    @Test
    void needsATimeFromTheItemOrItsCart() throws Exception {
        String noItemTime = ALBUM.replace("\"utc_date\": 1750000061.5301187,", "");

        assertThat(SaleParser.parse(raw("s", noItemTime).build()).getSoldAt())
                .isEqualTo(SaleParser.parse(raw("s", noItemTime).build()).getCartSoldAt());
        assertThatThrownBy(() -> SaleParser.parse(raw("s", noItemTime).setEventUtcDate(null).build()))
                .isInstanceOf(InvalidSaleException.class)
                .hasMessage("utc_date is missing on the item and its cart");
    }

    @Test
    void usdSalesMayLeaveOutTheirUsdAmount() throws Exception {
        String item = Samples.item(Samples.ALBUM_USD).replace("\"amount_paid_usd\": 9,", "");

        assertThat(SaleParser.parse(raw("s", item).build()).getAmountPaidUsd()).isEqualTo(new BigDecimal("9.0000"));
    }

    @Test
    void acceptsAmountsWrittenAsStrings() throws Exception {
        String item = ALBUM.replace("\"amount_paid\": 10,", "\"amount_paid\": \"4.99\",")
                .replace("\"item_price\": 7,", "\"item_price\": \" 3 \",");

        var sale = SaleParser.parse(raw("s", item).build());

        assertThat(sale.getAmountPaid()).isEqualTo(new BigDecimal("4.9900"));
        assertThat(sale.getOverpaid()).isEqualTo(new BigDecimal("1.9900"));
    }

    @Test
    void aMalformedUrlIsNotAFailure() throws Exception {
        String item = ALBUM.replace("//velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay", "//bad host/x");

        var sale = SaleParser.parse(raw("s", item).build());

        assertThat(sale.getUrl()).isNull();
        assertThat(sale.getArtistUrl()).isNull();
    }

    @Test
    void onlySaleCartsAreSales() {
        assertThat(SaleParser.isSaleEvent(raw("s", ALBUM).build())).isTrue();
        assertThat(SaleParser.isSaleEvent(raw("s", ALBUM).setEventType(null).build())).isTrue();
        assertThat(SaleParser.isSaleEvent(raw("s", ALBUM).setEventType("refund").build())).isFalse();
    }

    private static void assertRejected(String itemJson, String messageStart) {
        RawSale rawSale = raw("sale-1", itemJson).build();
        assertThatThrownBy(() -> SaleParser.parse(rawSale))
                .isInstanceOf(InvalidSaleException.class)
                .hasMessageStartingWith(messageStart);
    }
}
