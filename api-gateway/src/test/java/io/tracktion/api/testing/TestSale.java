package io.tracktion.api.testing;

import io.tracktion.schemas.ReleaseUrls;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** A row of table sale for a fixture: plausible defaults, and setters for what a test is about. */
public final class TestSale {

    private final String saleId;
    private String eventId = "cart-1";
    private Instant soldAt = Instant.parse("2026-11-24T10:00:00Z");
    private String artist = "Velvet Orrery";
    private String artistUrl;
    private String itemType = "album";
    private String title = "Night Signals";
    private String albumTitle;
    private String url;
    private String currency = "USD";
    private BigDecimal amountPaid = new BigDecimal("1.00");
    private BigDecimal listPrice;
    private BigDecimal amountPaidUsd = new BigDecimal("1.00");
    private String country;
    private String countryCode;
    private String releaseId;
    private String artistId;
    private String labelId;

    private TestSale(String saleId) {
        this.saleId = saleId;
    }

    public static TestSale sale(String saleId) {
        return new TestSale(saleId);
    }

    public TestSale cart(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public TestSale soldAt(String isoInstant) {
        return soldAt(Instant.parse(isoInstant));
    }

    public TestSale soldAt(Instant soldAt) {
        this.soldAt = soldAt;
        return this;
    }

    public TestSale artist(String artist) {
        this.artist = artist;
        return this;
    }

    public TestSale artistUrl(String artistUrl) {
        this.artistUrl = artistUrl;
        return this;
    }

    public TestSale item(String itemType, String title, String albumTitle, String url) {
        this.itemType = itemType;
        this.title = title;
        this.albumTitle = albumTitle;
        this.url = url;
        return this;
    }

    /** Paid in USD: the amount and its USD value are the same. */
    public TestSale usd(String amount) {
        return paid("USD", amount, null, amount);
    }

    public TestSale paid(String currency, String amount, String listPrice, String amountUsd) {
        this.currency = currency;
        this.amountPaid = new BigDecimal(amount);
        this.listPrice = listPrice == null ? null : new BigDecimal(listPrice);
        this.amountPaidUsd = new BigDecimal(amountUsd);
        return this;
    }

    public TestSale buyerIn(String country, String countryCode) {
        this.country = country;
        this.countryCode = countryCode;
        return this;
    }

    /** Attributed to a known release, as the loader does once the release's page is read (any may be null). */
    public TestSale attributed(String releaseId, String artistId, String labelId) {
        this.releaseId = releaseId;
        this.artistId = artistId;
        this.labelId = labelId;
        return this;
    }

    public static void insert(DataSource dataSource, TestSale... sales) {
        insert(dataSource, List.of(sales));
    }

    public static void insert(DataSource dataSource, List<TestSale> sales) {
        String sql = """
                INSERT INTO sale (sale_id, event_id, sold_at, artist, artist_url, item_type, title, album_title, url,
                                  currency, amount_paid, list_price, amount_paid_usd, pay_what_you_want,
                                  country, country_code, raw_item, release_url, release_id, artist_id, label_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, '{}', ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             PreparedStatement partition = c.prepareStatement("SELECT sale_month_partition(?)")) {
            for (TestSale sale : sales) {
                // The month's partition, as the loader makes it for its batches.
                partition.setObject(1, OffsetDateTime.ofInstant(sale.soldAt, ZoneOffset.UTC));
                partition.execute();
                s.setString(1, sale.saleId);
                s.setString(2, sale.eventId);
                s.setObject(3, OffsetDateTime.ofInstant(sale.soldAt, ZoneOffset.UTC));
                s.setString(4, sale.artist);
                s.setString(5, sale.artistUrl);
                s.setString(6, sale.itemType);
                s.setString(7, sale.title);
                s.setString(8, sale.albumTitle);
                s.setString(9, sale.url);
                s.setString(10, sale.currency);
                s.setBigDecimal(11, sale.amountPaid);
                s.setBigDecimal(12, sale.listPrice);
                s.setBigDecimal(13, sale.amountPaidUsd);
                s.setString(14, sale.country);
                s.setString(15, sale.countryCode);
                s.setString(16, sale.url == null ? null : ReleaseUrls.release(sale.url).orElse(null)); // as the loader does
                s.setString(17, sale.releaseId);
                s.setString(18, sale.artistId);
                s.setString(19, sale.labelId);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert the fixture", e);
        }
    }
}
