package io.tracktion.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The loader's database read directly, as the reference the API must agree with and as a whole to compare. */
final class SalesTables {

    /** Columns the database fills from its clock (when a row was written), not from the topics. */
    private static final List<String> CLOCK_COLUMNS = List.of("loaded_at", "updated_at");
    /** Where the loader keeps its own state: its offsets, and when minute rollups were last deleted. */
    private static final List<String> HOUSEKEEPING = List.of("consumer_offset", "rollup_retention",
            "flyway_schema_history");

    /**
     * Per entity of a dimension of the API ({@code artists}, {@code tags}, ...): the expression that names it, over
     * {@code s} (a sale with its release's columns as {@code r_genre}), and the join that gives it.
     */
    private static final Map<String, String> ENTITY = Map.of(
            "artists", "SELECT s.artist_id AS id, s.* FROM s",
            "releases", "SELECT s.release_id AS id, s.* FROM s",
            "labels", "SELECT s.label_id AS id, s.* FROM s WHERE s.label_id IS NOT NULL",
            "genres", "SELECT s.r_genre AS id, s.* FROM s WHERE s.r_genre IS NOT NULL",
            "tags", "SELECT t.tag AS id, s.* FROM s JOIN release_tag t ON t.release_id = s.release_id AND t.role = 'descriptive'",
            "countries", "SELECT coalesce(nullif(upper(btrim(s.country_code)), ''), 'unknown') AS id, s.* FROM s",
            "kinds", "SELECT s.item_type AS id, s.* FROM s");

    private final DataSource dataSource;

    SalesTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static List<String> dimensions() {
        return List.of("artists", "releases", "labels", "genres", "tags", "countries", "kinds");
    }

    /** Sales whose release is not (yet) known: attributed to no artist, label, genre or tag. */
    long salesOfUnknownReleases() {
        return single("""
                SELECT count(*) FROM sale LEFT JOIN release r ON r.release_id = sale.release_id AND r.status = 'known'
                WHERE r.release_id IS NULL""");
    }

    /** The first and last sale's time. */
    Instant[] soldBetween() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT min(sold_at), max(sold_at) FROM sale"); ResultSet rows = s.executeQuery()) {
            rows.next();
            return new Instant[] {rows.getObject(1, OffsetDateTime.class).toInstant(),
                    rows.getObject(2, OffsetDateTime.class).toInstant()};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dimension's entities sold in {@code [from, to)}: units, USD and distinct carts, summed over table sale. */
    Map<String, Sums> sums(String dimension, Instant from, Instant to) {
        String sql = """
                WITH s AS (SELECT sale.*, r.genre AS r_genre FROM sale JOIN release r ON r.release_id = sale.release_id
                           WHERE sale.sold_at >= ? AND sale.sold_at < ?),
                     e AS (%s)
                SELECT id, count(*), sum(amount_paid_usd), count(DISTINCT event_id) FROM e GROUP BY id""".formatted(
                ENTITY.get(dimension));
        Map<String, Sums> sums = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            s.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    sums.put(rows.getString(1), new Sums(rows.getLong(2), rows.getBigDecimal(3), rows.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }

    /** The whole store's sales per minute in {@code [from, to)}, minutes without sales left out. */
    Map<Instant, Sums> storeByMinute(Instant from, Instant to) {
        Map<Instant, Sums> minutes = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT date_trunc('minute', sold_at, 'UTC'), count(*), sum(amount_paid_usd), count(DISTINCT event_id)
                FROM sale WHERE sold_at >= ? AND sold_at < ? GROUP BY 1""")) {
            s.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            s.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    minutes.put(rows.getObject(1, OffsetDateTime.class).toInstant(),
                            new Sums(rows.getLong(2), rows.getBigDecimal(3), rows.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return minutes;
    }

    /** The loader's offsets, one line per consumer and partition. */
    List<String> offsets() {
        return lines("SELECT consumer || ' ' || topic || '-' || partition || ' ' || next_offset FROM consumer_offset ORDER BY 1");
    }

    /**
     * Every table the loader fills (partitions within their parent), each row as text in a fixed order, without the
     * columns the database's clock fills.
     */
    Map<String, List<String>> contents() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : lines("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1""")) {
            if (HOUSEKEEPING.contains(table)) {
                continue;
            }
            List<String> columns = lines("""
                    SELECT quote_ident(column_name) FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = '%s' ORDER BY ordinal_position""".formatted(table))
                    .stream().filter(column -> !CLOCK_COLUMNS.contains(column)).toList();
            tables.put(table, lines("SELECT ROW(" + String.join(", ", columns) + ")::text FROM " + table + " ORDER BY 1"));
        }
        return tables;
    }

    private long single(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> lines(String sql) {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    /** An entity's units, USD (compared by value: 12.3 equals 12.30) and carts. */
    record Sums(long units, BigDecimal revenueUsd, long carts) {

        Sums {
            revenueUsd = revenueUsd.stripTrailingZeros();
        }

        /** Without the carts, which a range of several rollup windows sums per window. */
        Sums withoutCarts() {
            return new Sums(units, revenueUsd, 0);
        }
    }
}
