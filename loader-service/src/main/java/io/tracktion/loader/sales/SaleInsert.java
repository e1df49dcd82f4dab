package io.tracktion.loader.sales;

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

/** The insert of one {@link Sale} into table {@code sale} (migrations {@code V1__sale.sql}, {@code V2__releases.sql}). */
final class SaleInsert {

    /** A sale already in the table is left as it is: every record of one saleId is the same sale. */
    static final String SQL = """
            INSERT INTO sale (sale_id, event_id, sold_at, cart_sold_at, artist, artist_url, item_type, slug_type,
                              title, album_title, url, art_url, currency, amount_paid, list_price, amount_paid_usd,
                              pay_what_you_want, overpaid, amount_paid_formatted, country, country_code, art_id,
                              package_image_id, raw_item, release_url)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS json), ?)
            ON CONFLICT (sale_id) DO NOTHING""";

    private SaleInsert() {
    }

    static void bind(PreparedStatement insert, Sale sale) throws SQLException {
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
        insert.setString(25, ReleaseUrls.release(sale.getUrl()).orElse(null));
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
