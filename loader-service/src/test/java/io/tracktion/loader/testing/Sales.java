package io.tracktion.loader.testing;

import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleItemType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Sales to load, as the transformer would publish them. */
public final class Sales {

    /** An item as the feed served it: odd spacing, escapes and an unknown field, all to be kept verbatim. */
    public static final String RAW_ITEM = "{\"utc_date\": 1750000061.5301187,  \"artist_name\":\"Sigur R\\u00f3s\","
            + " \"item_description\": \"Ágætis byrjun — 東京\", \"amount_paid\": 10.5,\n"
            + "  \"currency\":\"EUR\", \"new_field\": [1, 2.50, {\"deep\": null}] }";

    private Sales() {
    }

    /** A sale with every field set, non-Latin text included. */
    public static Sale sale(String saleId) {
        return builder(saleId).build();
    }

    /** The fields of {@link #sale}, to change some before building. */
    public static Sale.Builder builder(String saleId) {
        return Sale.newBuilder()
                .setSaleId(saleId)
                .setEventId("cart-" + saleId)
                .setSoldAt(Instant.parse("2025-06-15T12:34:56.123456Z"))
                .setCartSoldAt(Instant.parse("2025-06-15T12:34:56.000001Z"))
                .setArtist("Sigur Rós · 東京事変 · Мумий Тролль")
                .setArtistUrl("https://sigurros.bandcamp.com")
                .setItemType(SaleItemType.PHYSICAL)
                .setSlugType("p")
                .setTitle("Ágætis byrjun (Vinyl LP) ✨")
                .setAlbumTitle("Ágætis byrjun")
                .setUrl("https://sigurros.bandcamp.com/merch/agaetis-byrjun-vinyl")
                .setArtUrl("https://f4.bcbits.com/img/a2817734590_7.jpg")
                .setCurrency("ISK")
                .setAmountPaid(new BigDecimal("4990.0000"))
                .setListPrice(new BigDecimal("3990.5000"))
                .setAmountPaidUsd(new BigDecimal("36.0100"))
                .setPayWhatYouWant(false)
                .setOverpaid(new BigDecimal("999.5000"))
                .setAmountPaidFormatted("4.990 kr.")
                .setCountry("Ísland")
                .setCountryCode("IS")
                .setArtId(2817734590L)
                .setPackageImageId(9_007_199_254_740_993L) // beyond a double's exact range
                .setRawItemJson(RAW_ITEM);
    }

    /** The row {@link #sale} must become, every column as PostgreSQL renders it in text (see {@link SaleTable#row}). */
    public static Map<String, String> expectedRow(String saleId) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("sale_id", saleId);
        row.put("event_id", "cart-" + saleId);
        row.put("sold_at", "2025-06-15T12:34:56.123456");
        row.put("cart_sold_at", "2025-06-15T12:34:56.000001");
        row.put("artist", "Sigur Rós · 東京事変 · Мумий Тролль");
        row.put("artist_url", "https://sigurros.bandcamp.com");
        row.put("item_type", "physical");
        row.put("slug_type", "p");
        row.put("title", "Ágætis byrjun (Vinyl LP) ✨");
        row.put("album_title", "Ágætis byrjun");
        row.put("url", "https://sigurros.bandcamp.com/merch/agaetis-byrjun-vinyl");
        row.put("art_url", "https://f4.bcbits.com/img/a2817734590_7.jpg");
        row.put("currency", "ISK");
        row.put("amount_paid", "4990.0000");
        row.put("list_price", "3990.5000");
        row.put("amount_paid_usd", "36.0100");
        row.put("pay_what_you_want", "false");
        row.put("overpaid", "999.5000");
        row.put("amount_paid_formatted", "4.990 kr.");
        row.put("country", "Ísland");
        row.put("country_code", "IS");
        row.put("art_id", "2817734590");
        row.put("package_image_id", "9007199254740993");
        row.put("raw_item", RAW_ITEM);
        row.put("raw_item_type", "json");
        row.put("has_loaded_at", "true");
        return row;
    }

    /** A sale with only the required fields: every optional column must come out NULL. */
    public static Sale bareSale(String saleId) {
        return Sale.newBuilder()
                .setSaleId(saleId)
                .setEventId("cart-" + saleId)
                .setSoldAt(Instant.parse("2025-06-15T00:00:00.000001Z"))
                .setArtist("Anonymous")
                .setItemType(SaleItemType.TRACK)
                .setTitle("Untitled")
                .setCurrency("USD")
                .setAmountPaid(new BigDecimal("0.0000"))
                .setAmountPaidUsd(new BigDecimal("0.0000"))
                .setPayWhatYouWant(true)
                .setRawItemJson("{}")
                .build();
    }

    /** Distinct sales {@code prefix-0 .. prefix-(count-1)}, with a different time each. */
    public static List<Sale> many(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> builder(prefix + "-" + i)
                        .setSoldAt(Instant.parse("2025-06-15T12:00:00Z").plusNanos(i * 1_000L))
                        .build())
                .toList();
    }
}
