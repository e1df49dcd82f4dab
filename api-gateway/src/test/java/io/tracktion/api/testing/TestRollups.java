package io.tracktion.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fills the rollup tables (stats_minute, stats_hour, stats_day) from table sale by SQL, with the transformer's rules
 * for what a sale counts for: the store; its buyer's country and its kind; the release its page URL names (the
 * fixtures give every such URL a release row: the transformer takes the id from the URL), else "unknown"; its artist
 * and label, genre and descriptive tags once its release is known, and "unknown" for each before; and, as the
 * transformer splits them, the windows of artists, releases, labels, genres and tags by buyer country. The reference
 * the API's totals must agree with, where the real rollups come from the transformer.
 */
public final class TestRollups {

    /** A CTE {@code counted}: one row per sale and entity it counts for, with the sale's columns. */
    public static final String COUNTED = """
            WITH s AS (
                SELECT sale.*, r.genre, r.release_id IS NOT NULL AS known, page.release_id AS page_release_id
                FROM sale LEFT JOIN release r ON r.release_id = sale.release_id AND r.status = 'known'
                LEFT JOIN release page ON page.url = sale.release_url),
            counted AS (
                SELECT 'store' AS dimension, 'all' AS entity_id, 'Bandcamp' AS entity_name, s.* FROM s
                UNION ALL SELECT 'country', coalesce(nullif(upper(btrim(country_code)), ''), 'unknown'), coalesce(country, 'unknown'), s.* FROM s
                UNION ALL SELECT 'kind', item_type, item_type, s.* FROM s
                UNION ALL SELECT 'release', coalesce(page_release_id, 'unknown'), title, s.* FROM s
                UNION ALL SELECT 'artist', CASE WHEN known AND artist_id IS NOT NULL THEN artist_id ELSE 'unknown' END, artist, s.* FROM s
                UNION ALL SELECT 'label', CASE WHEN known THEN label_id ELSE 'unknown' END, 'label', s.* FROM s
                          WHERE label_id IS NOT NULL OR NOT known
                UNION ALL SELECT 'genre', CASE WHEN known THEN genre ELSE 'unknown' END, 'genre', s.* FROM s
                          WHERE genre IS NOT NULL OR NOT known
                UNION ALL SELECT 'tag', 'unknown', 'unknown', s.* FROM s WHERE NOT known
                UNION ALL SELECT 'tag', t.tag, t.tag, s.* FROM s JOIN release_tag t ON t.release_id = s.release_id
                          AND t.role = 'descriptive' WHERE known)
            """;

    /** An entity's units, USD and carts. */
    public record Sums(long units, BigDecimal revenueUsd, long carts) {

        /** The sums as an entry of the API gives them. */
        public static Sums of(JsonNode entry) {
            return new Sums(entry.get("units").asLong(), entry.get("revenueUsd").decimalValue().stripTrailingZeros(),
                    entry.get("carts").asLong());
        }
    }

    private TestRollups() {
    }

    /**
     * The reference: a direct sum over table sale of a dimension's entities in {@code [from, to)}, by the
     * transformer's rules of what a sale counts for.
     */
    public static Map<String, Sums> factTable(ApiWithDatabase api, String dimension, Instant from, Instant to) {
        String sql = COUNTED + """
                SELECT entity_id, count(*) AS units, sum(amount_paid_usd) AS usd, count(DISTINCT event_id) AS carts
                FROM counted WHERE dimension = ? AND sold_at >= ? AND sold_at < ? GROUP BY entity_id""";
        return query(api, sql, dimension, OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    }

    /** Sums by entity from a query with columns entity_id, units, usd and carts. */
    public static Map<String, Sums> query(ApiWithDatabase api, String sql, Object... parameters) {
        Map<String, Sums> totals = new TreeMap<>();
        try (Connection c = api.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    totals.put(rows.getString("entity_id"), new Sums(rows.getLong("units"),
                            rows.getBigDecimal("usd").stripTrailingZeros(), rows.getLong("carts")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return totals;
    }

    /**
     * An UPDATE that sets the {@code by_country} of every window of {@code stats_<unit>} that {@code sales} sold in, as
     * the transformer splits them; {@code sales} is a relation with columns dimension, entity_id, sold_at, event_id,
     * amount_paid_usd and country, a row per sale and entity it counts for.
     */
    public static String countrySplitUpdate(String unit, String sales) {
        return """
                UPDATE stats_%1$s w SET by_country = split.by_country
                FROM (SELECT dimension, entity_id, window_start, jsonb_object_agg(country, jsonb_build_object(
                             'units', units, 'revenue_usd', usd::text, 'carts', carts)) AS by_country
                      FROM (SELECT dimension, entity_id, date_trunc('%1$s', sold_at, 'UTC') AS window_start, country,
                                   count(*) AS units, sum(amount_paid_usd) AS usd, count(DISTINCT event_id) AS carts
                            FROM %2$s AS sales GROUP BY 1, 2, 3, 4) AS c
                      GROUP BY 1, 2, 3) AS split
                WHERE w.dimension = split.dimension AND w.entity_id = split.entity_id
                  AND w.window_start = split.window_start""".formatted(unit, sales);
    }

    /** The rollups of every sale in table sale, replacing what the tables held. */
    public static void rebuild(ApiWithDatabase api) {
        StringBuilder sql = new StringBuilder("TRUNCATE stats_minute, stats_hour, stats_day;");
        for (String unit : new String[] {"minute", "hour", "day"}) {
            sql.append(COUNTED).append("""
                    INSERT INTO stats_%1$s (dimension, entity_id, window_start, entity_name, units, revenue_usd,
                        revenue_by_currency, carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                    SELECT dimension, entity_id, date_trunc('%1$s', sold_at, 'UTC'), max(entity_name), count(*),
                           sum(amount_paid_usd), '{}', count(DISTINCT event_id), 0, 0, true, 1, max(sold_at)
                    FROM counted GROUP BY 1, 2, 3;
                    """.formatted(unit));
            sql.append(COUNTED).append(countrySplitUpdate(unit, """
                    (SELECT dimension, entity_id, sold_at, event_id, amount_paid_usd,
                            coalesce(nullif(upper(btrim(country_code)), ''), 'unknown') AS country
                     FROM counted WHERE dimension IN ('artist', 'release', 'label', 'genre', 'tag'))""")).append(';');
        }
        api.execute(sql.toString());
    }
}
