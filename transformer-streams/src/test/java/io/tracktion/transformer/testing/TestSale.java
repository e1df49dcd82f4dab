package io.tracktion.transformer.testing;

import java.math.BigDecimal;
import java.time.Instant;

/** A sale for {@link AnalyticsFixture}, built fluently: {@code fixture.sale("s1", at).usd("1.00").pipe()}. */
public final class TestSale {

    private final AnalyticsFixture fixture;
    final String saleId;
    final Instant at;
    String cart;
    String artist = "Velvet Orrery";
    String url = "https://velvetorrery.bandcamp.com/album/lanterns";
    String itemType = "a";
    String currency = "USD";
    String amount = "7";
    String usd = "7";
    String listPrice = "7";
    String countryCode = "de";
    String country = "Germany";

    TestSale(AnalyticsFixture fixture, String saleId, Instant at) {
        this.fixture = fixture;
        this.saleId = saleId;
        this.at = at;
        this.cart = "cart-of-" + saleId;
    }

    public TestSale url(String url) {
        this.url = url;
        return this;
    }

    public TestSale artist(String artist) {
        this.artist = artist;
        return this;
    }

    public TestSale cart(String cart) {
        this.cart = cart;
        return this;
    }

    /** a (album), t (track), p (physical), b (bundle). */
    public TestSale type(String itemType) {
        this.itemType = itemType;
        return this;
    }

    /** Paid in USD at list price. */
    public TestSale usd(String amount) {
        return paid("USD", amount, amount, amount);
    }

    /** Paid {@code amount} in {@code currency} (list price {@code listPrice}; "0" is name-your-price), {@code usd} in USD. */
    public TestSale paid(String currency, String amount, String listPrice, String usd) {
        this.currency = currency;
        this.amount = amount;
        this.listPrice = listPrice;
        this.usd = usd;
        return this;
    }

    public TestSale country(String code, String name) {
        this.countryCode = code;
        this.country = name;
        return this;
    }

    public TestSale noCountry() {
        this.countryCode = null;
        this.country = null;
        return this;
    }

    public TestSale pipe() {
        fixture.pipe(this);
        return this;
    }

    String itemJson() {
        String protocolRelative = url == null ? "null" : "\"" + url.replaceFirst("^https?:", "") + "\"";
        return "{\"utc_date\": " + feedTime(at) + ", \"artist_name\": \"" + artist + "\", \"item_type\": \"" + itemType
                + "\", \"item_description\": \"Item " + saleId + "\", \"album_title\": null, \"slug_type\": \""
                + (itemType.equals("t") ? "t" : "a") + "\", \"currency\": \"" + currency + "\", \"amount_paid\": "
                + amount + ", \"item_price\": " + listPrice + ", \"amount_paid_usd\": " + usd + ", \"country\": "
                + quoted(country) + ", \"country_code\": " + quoted(countryCode) + ", \"url\": " + protocolRelative
                + ", \"art_id\": null, \"releases\": null, \"package_image_id\": null}";
    }

    /** Seconds with six decimals, as the feed writes times. */
    static String feedTime(Instant at) {
        return new BigDecimal(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano() / 1000, 6)).toPlainString();
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
