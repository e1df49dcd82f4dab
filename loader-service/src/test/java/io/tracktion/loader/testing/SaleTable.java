package io.tracktion.loader.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads table {@code sale} straight through JDBC, as PostgreSQL renders each column in text. */
public final class SaleTable {

    private final DataSource dataSource;

    public SaleTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rows whose sale_id starts with the prefix. */
    public long count(String saleIdPrefix) {
        return Long.parseLong(query("SELECT count(*)::text AS n FROM sale WHERE starts_with(sale_id, ?)", saleIdPrefix)
                .get(0).get("n"));
    }

    public List<String> saleIds(String saleIdPrefix) {
        return query("SELECT sale_id FROM sale WHERE starts_with(sale_id, ?) ORDER BY sale_id", saleIdPrefix)
                .stream().map(row -> row.get("sale_id")).toList();
    }

    /** Every column of one row as text (numeric with its scale, timestamptz in UTC), or null if absent. */
    public Map<String, String> row(String saleId) {
        List<Map<String, String>> rows = query("""
                SELECT sale_id, event_id, to_char(sold_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS sold_at,
                       to_char(cart_sold_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS cart_sold_at,
                       artist, artist_url, item_type, slug_type, title, album_title, url, art_url, currency,
                       amount_paid::text, list_price::text, amount_paid_usd::text, pay_what_you_want::text,
                       overpaid::text, amount_paid_formatted, country, country_code, art_id::text,
                       package_image_id::text, raw_item::text, pg_typeof(raw_item)::text AS raw_item_type,
                       (loaded_at IS NOT NULL)::text AS has_loaded_at
                FROM sale WHERE sale_id = ?""", saleId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Map<String, String>> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, String>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }
}
