package io.tracktion.api.sales;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.db.Jdbc;
import io.tracktion.api.db.WhereClause;
import io.tracktion.api.params.Cursor;
import io.tracktion.api.params.Period;
import io.tracktion.api.releases.ReleaseQuery;
import io.tracktion.api.releases.ReleaseView;
import io.tracktion.schemas.EntityIds;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Pages through table sale newest first, reading its primary key (sold_at, sale_id) backwards. */
@Singleton
public class SalesQuery {

    private static final String COLUMNS = """
            sale_id, event_id, sold_at, artist, item_type, title, album_title, url, currency,
            amount_paid, amount_paid_usd, list_price, country, country_code, release_url""";

    /** The page's sales (found by the sale table's indexes alone), then their releases, labels and tags. */
    private static final String WITH_RELEASES = """
            SELECT p.*, r.artist_id, r.genre, l.label_id, l.name AS label_name, l.url AS label_url,
                   ARRAY(SELECT rt.tag FROM release_tag rt
                         WHERE rt.release_id = r.release_id AND rt.role = 'descriptive' ORDER BY rt.position) AS tags
            FROM (%s) p
            LEFT JOIN release r ON r.url = p.release_url
            LEFT JOIN label l ON l.label_id = r.label_id
            ORDER BY p.sold_at DESC, p.sale_id DESC""";

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
            where.and("(sold_at, sale_id) < (?, ?)", after.at(), after.id());
        }
        String page = "SELECT " + COLUMNS + " FROM sale" + where.sql()
                + " ORDER BY sold_at DESC, sale_id DESC LIMIT " + (limit + 1);
        // One row more than asked tells whether another page follows.
        List<Sale> rows = jdbc.query(WITH_RELEASES.formatted(page), where.parameters(), SalesQuery::sale);
        if (rows.size() <= limit) {
            return new SalesPage(rows, null);
        }
        List<Sale> shown = rows.subList(0, limit);
        return new SalesPage(List.copyOf(shown), new Cursor(shown.get(limit - 1).soldAt(), shown.get(limit - 1).saleId()).encode());
    }

    private static Sale sale(ResultSet row) throws SQLException {
        String releaseUrl = row.getString("release_url");
        String labelId = row.getString("label_id");
        return new Sale(
                row.getString("sale_id"), row.getString("event_id"), Jdbc.instant(row, "sold_at"),
                row.getString("artist"), row.getString("item_type"), row.getString("title"),
                row.getString("album_title"), row.getString("url"), row.getString("currency"),
                row.getBigDecimal("amount_paid"), row.getBigDecimal("amount_paid_usd"),
                row.getBigDecimal("list_price"), row.getString("country"), row.getString("country_code"),
                releaseUrl == null ? null : EntityIds.release(releaseUrl), row.getString("artist_id"),
                labelId == null ? null : new ReleaseView.Label(labelId, row.getString("label_name"), row.getString("label_url")),
                row.getString("genre"), ReleaseQuery.tags(row.getArray("tags")));
    }
}
