package io.tracktion.api.sales;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.db.Jdbc;
import io.tracktion.api.db.WhereClause;
import io.tracktion.api.params.Period;
import jakarta.inject.Singleton;
import java.util.List;

/** Pages through table sale newest first, using the (sold_at DESC, sale_id DESC) indexes. */
@Singleton
public class SalesQuery {

    private static final String COLUMNS = """
            sale_id, event_id, sold_at, artist, item_type, title, album_title, url, currency,
            amount_paid, amount_paid_usd, list_price, country, country_code""";

    private final Jdbc jdbc;

    public SalesQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} sales of the period (and artist, if given) that come after {@code after} in
     * newest-first order, or the newest ones when {@code after} is null.
     */
    public SalesPage page(Period period, @Nullable String artist, @Nullable Cursor after, int limit) {
        WhereClause where = WhereClause.soldIn(period);
        if (artist != null) {
            where.and("artist = ?", artist);
        }
        if (after != null) {
            // Row comparison: strictly after the last sale shown, in (sold_at, sale_id) DESC order.
            where.and("(sold_at, sale_id) < (?, ?)", after.soldAt(), after.saleId());
        }
        String sql = "SELECT " + COLUMNS + " FROM sale" + where.sql()
                + " ORDER BY sold_at DESC, sale_id DESC LIMIT " + (limit + 1);
        // One row more than asked tells whether another page follows.
        List<Sale> rows = jdbc.query(sql, where.parameters(), row -> new Sale(
                row.getString("sale_id"), row.getString("event_id"), Jdbc.instant(row, "sold_at"),
                row.getString("artist"), row.getString("item_type"), row.getString("title"),
                row.getString("album_title"), row.getString("url"), row.getString("currency"),
                row.getBigDecimal("amount_paid"), row.getBigDecimal("amount_paid_usd"),
                row.getBigDecimal("list_price"), row.getString("country"), row.getString("country_code")));
        if (rows.size() <= limit) {
            return new SalesPage(rows, null);
        }
        List<Sale> page = rows.subList(0, limit);
        return new SalesPage(List.copyOf(page), Cursor.after(page.get(limit - 1)).encode());
    }
}
