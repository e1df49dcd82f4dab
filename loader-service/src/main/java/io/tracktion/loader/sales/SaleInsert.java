package io.tracktion.loader.sales;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.schemas.Sale;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * One {@link Sale} as a row of table {@code sale} (migrations {@code V1__sale.sql} to {@code V4__analytics_model.sql}),
 * with its release's ids where the release is known: a line of the CSV copy, or the parameters of its insert into
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

    static final String STAGE_SQL = "INSERT INTO sale_staging (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS json), ?, ?, ?, ?)";

    private SaleInsert() {
    }

    /**
     * @param releaseUrl  the sale's release page, {@link ReleaseUrls#release} of its URL
     * @param attribution its release's ids; null while the release is not known
     */
    static void bind(PreparedStatement insert, Sale sale, @Nullable String releaseUrl, @Nullable Attribution attribution)
            throws SQLException {
        insert.setString(1, sale.getSaleId());
        insert.setString(2, sale.getEventId());
        setTimestamp(insert, 3, sale.getSoldAt());
        setTimestamp(insert, 4, sale.getCartSoldAt());
        insert.setString(5, sale.getArtist());
        insert.setString(6, sale.getArtistUrl());
        // The table keeps the kind in lower case, as the feed spells it.
        insert.setString(7, sale.getItemType().name().toLowerCase(Locale.ROOT));
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
        insert.setString(25, releaseUrl);
        insert.setString(26, attribution == null ? null : attribution.releaseId());
        insert.setString(27, attribution == null ? null : attribution.artistId());
        insert.setString(28, attribution == null ? null : attribution.labelId());
    }

    /**
     * The sale as a line of CSV, the columns in {@link #COLUMNS}' order: null unquoted and empty, text quoted.
     * Parameters as for {@link #bind}.
     */
    static void appendCsv(StringBuilder csv, Sale sale, @Nullable String releaseUrl, @Nullable Attribution attribution) {
        appendColumns(csv, sale, releaseUrl);
        csv.append(',');
        if (attribution != null) {
            text(csv, attribution.releaseId()).append(',');
            text(csv, attribution.artistId()).append(',');
            text(csv, attribution.labelId());
        } else {
            csv.append(",,"); // three empty columns: null
        }
        csv.append('\n');
    }

    private static void appendColumns(StringBuilder csv, Sale sale, @Nullable String releaseUrl) {
        text(csv, sale.getSaleId()).append(',');
        text(csv, sale.getEventId()).append(',');
        timestamp(csv, sale.getSoldAt()).append(',');
        timestamp(csv, sale.getCartSoldAt()).append(',');
        text(csv, sale.getArtist()).append(',');
        text(csv, sale.getArtistUrl()).append(',');
        text(csv, sale.getItemType().name().toLowerCase(Locale.ROOT)).append(',');
        text(csv, sale.getSlugType()).append(',');
        text(csv, sale.getTitle()).append(',');
        text(csv, sale.getAlbumTitle()).append(',');
        text(csv, sale.getUrl()).append(',');
        text(csv, sale.getArtUrl()).append(',');
        text(csv, sale.getCurrency()).append(',');
        text(csv, money(sale.getAmountPaid())).append(',');
        text(csv, money(sale.getListPrice())).append(',');
        text(csv, money(sale.getAmountPaidUsd())).append(',');
        text(csv, sale.getPayWhatYouWant() ? "t" : "f").append(',');
        text(csv, money(sale.getOverpaid())).append(',');
        text(csv, sale.getAmountPaidFormatted()).append(',');
        text(csv, sale.getCountry()).append(',');
        text(csv, sale.getCountryCode()).append(',');
        text(csv, sale.getArtId() == null ? null : sale.getArtId().toString()).append(',');
        text(csv, sale.getPackageImageId() == null ? null : sale.getPackageImageId().toString()).append(',');
        text(csv, sale.getRawItemJson()).append(',');
        text(csv, releaseUrl);
    }

    /** The first instant of the sale's UTC month: the partition it goes to. */
    static Instant monthStart(Instant soldAt) {
        return soldAt.atOffset(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .toInstant();
    }

    private static StringBuilder text(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        csv.append('"');
        // Most values hold no quote: appended whole, which is much faster than a character at a time.
        int quote = value.indexOf('"');
        if (quote < 0) {
            return csv.append(value).append('"');
        }
        int from = 0;
        while (quote >= 0) {
            csv.append(value, from, quote + 1).append('"'); // a quote is doubled
            from = quote + 1;
            quote = value.indexOf('"', from);
        }
        return csv.append(value, from, value.length()).append('"');
    }

    /**
     * An instant as PostgreSQL reads a timestamptz, {@code 2025-06-15 12:34:56.123456789Z}; nothing for null. By hand:
     * {@link Instant#toString}'s formatter took a tenth of a consumer thread. Years outside 1 to 9999 are written as
     * {@code Instant} spells them, for the table to refuse as it did before.
     */
    static StringBuilder timestamp(StringBuilder csv, Instant instant) {
        if (instant == null) {
            return csv;
        }
        long seconds = instant.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (day.getYear() < 1 || day.getYear() > 9999) {
            return text(csv, instant.toString());
        }
        int second = (int) Math.floorMod(seconds, 86_400);
        digits(csv, day.getYear(), 4).append('-');
        digits(csv, day.getMonthValue(), 2).append('-');
        digits(csv, day.getDayOfMonth(), 2).append(' ');
        digits(csv, second / 3600, 2).append(':');
        digits(csv, second / 60 % 60, 2).append(':');
        digits(csv, second % 60, 2);
        if (instant.getNano() != 0) {
            digits(csv.append('.'), instant.getNano(), 9);
        }
        return csv.append('Z');
    }

    /** {@code value}, not negative, in at least {@code width} digits. */
    private static StringBuilder digits(StringBuilder csv, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                csv.append('0');
            }
        }
        return csv.append(value);
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
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
