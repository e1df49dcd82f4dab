package io.tracktion.loader.sales;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.schemas.Sale;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * One {@link Sale} as a row of table {@code sale} (migrations {@code V1__sale.sql} to {@code V4__analytics_model.sql}),
 * with its release's ids where the release is known: a row of the binary copy, or the parameters of its insert into
 * the staging table.
 */
final class SaleInsert {

    /** The columns a sale fills, the last three (its release's, artist's and label's ids) from table release. */
    static final String COLUMNS = "sale_id, event_id, sold_at, cart_sold_at, artist, artist_url, item_type, slug_type, "
            + "title, album_title, url, art_url, currency, amount_paid, list_price, amount_paid_usd, "
            + "pay_what_you_want, overpaid, amount_paid_formatted, country, country_code, art_id, "
            + "package_image_id, raw_item, release_url, release_id, artist_id, label_id";

    /** A known release's ids, which its sales carry. */
    record Attribution(String releaseId, String artistId, String labelId) {
    }

    /**
     * A sale with what its row takes from elsewhere.
     *
     * @param releaseUrl  the sale's release page, {@link ReleaseUrls#release} of its URL
     * @param attribution its release's ids; null while the release is not known
     */
    record Row(Sale sale, @Nullable String releaseUrl, @Nullable Attribution attribution) {
    }

    static final String STAGE_SQL = "INSERT INTO sale_staging (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS json), ?, ?, ?, ?)";

    private SaleInsert() {
    }

    /** The row as the parameters of {@link #STAGE_SQL}. */
    static void bind(PreparedStatement insert, Row row) throws SQLException {
        Sale sale = row.sale();
        Attribution attribution = row.attribution();
        insert.setString(1, sale.getSaleId());
        insert.setString(2, sale.getEventId());
        setTimestamp(insert, 3, sale.getSoldAt());
        setTimestamp(insert, 4, sale.getCartSoldAt());
        insert.setString(5, sale.getArtist());
        insert.setString(6, sale.getArtistUrl());
        insert.setString(7, itemType(sale));
        insert.setString(8, sale.getSlugType());
        insert.setString(9, sale.getTitle());
        insert.setString(10, sale.getAlbumTitle());
        insert.setString(11, sale.getUrl());
        insert.setString(12, sale.getArtUrl());
        insert.setString(13, sale.getCurrency());
        setMoney(insert, 14, sale.getAmountPaid());
        setMoney(insert, 15, sale.getListPrice());
        setMoney(insert, 16, sale.getAmountPaidUsd());
        insert.setBoolean(17, sale.getPayWhatYouWant());
        setMoney(insert, 18, sale.getOverpaid());
        insert.setString(19, sale.getAmountPaidFormatted());
        insert.setString(20, sale.getCountry());
        insert.setString(21, sale.getCountryCode());
        insert.setObject(22, sale.getArtId(), Types.BIGINT);
        insert.setObject(23, sale.getPackageImageId(), Types.BIGINT);
        insert.setString(24, sale.getRawItemJson());
        // The key of the sale's release in table release (and topic bandcamp.releases).
        insert.setString(25, row.releaseUrl());
        insert.setString(26, attribution == null ? null : attribution.releaseId());
        insert.setString(27, attribution == null ? null : attribution.artistId());
        insert.setString(28, attribution == null ? null : attribution.labelId());
    }

    private static final int FIELDS = COLUMNS.split(",").length;

    /** The row appended to a binary copy, the columns in {@link #COLUMNS}' order. */
    static void appendBinary(BinaryCopy copy, Row row) {
        Sale sale = row.sale();
        Attribution attribution = row.attribution();
        copy.row(FIELDS)
                .text(sale.getSaleId())
                .text(sale.getEventId())
                .timestamptz(sale.getSoldAt())
                .timestamptz(sale.getCartSoldAt())
                .text(sale.getArtist())
                .text(sale.getArtistUrl())
                .text(itemType(sale))
                .text(sale.getSlugType())
                .text(sale.getTitle())
                .text(sale.getAlbumTitle())
                .text(sale.getUrl())
                .text(sale.getArtUrl())
                .text(sale.getCurrency())
                .numeric(sale.getAmountPaid())
                .numeric(sale.getListPrice())
                .numeric(sale.getAmountPaidUsd())
                .bool(sale.getPayWhatYouWant())
                .numeric(sale.getOverpaid())
                .text(sale.getAmountPaidFormatted())
                .text(sale.getCountry())
                .text(sale.getCountryCode())
                .bigint(sale.getArtId())
                .bigint(sale.getPackageImageId())
                .text(sale.getRawItemJson()) // json's binary form is its text
                .text(row.releaseUrl())
                .text(attribution == null ? null : attribution.releaseId())
                .text(attribution == null ? null : attribution.artistId())
                .text(attribution == null ? null : attribution.labelId());
    }

    /** The table keeps the kind in lower case, as the feed spells it. */
    private static String itemType(Sale sale) {
        return sale.getItemType().name().toLowerCase(Locale.ROOT);
    }

    /** The first instant of the sale's UTC month: the partition it goes to. */
    static Instant monthStart(Instant soldAt) {
        return soldAt.atOffset(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .toInstant();
    }

    private static void setTimestamp(PreparedStatement insert, int index, Instant instant) throws SQLException {
        // pgjdbc maps OffsetDateTime to timestamptz with all six fraction digits.
        OffsetDateTime value = instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        insert.setObject(index, value, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static void setMoney(PreparedStatement insert, int index, BigDecimal amount) throws SQLException {
        if (amount == null) {
            insert.setNull(index, Types.NUMERIC);
        } else {
            insert.setBigDecimal(index, amount);
        }
    }
}
