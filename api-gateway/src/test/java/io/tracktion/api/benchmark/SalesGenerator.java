package io.tracktion.api.benchmark;

import io.tracktion.api.testing.TestRollups;
import io.tracktion.schemas.EntityIds;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Fills a migrated, empty database with a catalogue and {@code sales} sales over the last {@code days} days, as the
 * loader would have left it: table sale (partitioned by month) attributed to releases, artists and labels; rollups by
 * minute (the last week, as the loader's retention keeps them), hour and day; signals; the store's charts; the
 * feed's audit. For benchmarks of the API at a realistic size; the sales are skewed, as real ones are: a few
 * releases sell a great deal, most sell little.
 *
 * <p>The catalogue is made in Java (its ids are {@link EntityIds}' of its URLs) and copied in; the sales and what is
 * derived from them are made by SQL in the server, which is many times faster than sending them. Every sale's release
 * is known, and the items of a cart share its time, so the hour and day rollups are sums of the finer ones.
 */
public final class SalesGenerator {

    static final int ARTISTS = 50_000;
    static final int LABELS = 5_000;
    static final int RELEASES = 200_000;
    static final int TAGS = 2_000;
    static final String[] GENRES = {"electronic", "ambient", "rock", "metal", "punk", "jazz", "hip-hop-rap", "folk",
            "experimental", "pop", "alternative", "soundtrack", "classical", "country", "r-b-soul", "world", "reggae",
            "blues", "latin", "funk", "devotional", "spoken-word", "comedy", "kids", "acoustic", "audiobooks"};
    static final String[] COUNTRIES = {"US", "GB", "DE", "JP", "FR", "CA", "AU", "NL", "IT", "ES", "SE", "BE", "CH",
            "AT", "DK", "NO", "FI", "IE", "PL", "BR", "MX", "NZ", "PT", "CZ", "KR", "AR", "GR", "HU", "IL", "SG"};

    private final DataSource dataSource;

    SalesGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String artistUrl(int i) {
        return "https://artist" + i + ".bandcamp.com";
    }

    static String labelUrl(int i) {
        return "https://label" + i + ".bandcamp.com";
    }

    static String releaseUrl(int i) {
        return artistUrl(artistOf(i)) + "/album/release-" + i;
    }

    static int artistOf(int release) {
        return release % ARTISTS;
    }

    static String tagName(int i) {
        return "tag-" + i;
    }

    /** Generates everything; prints each step's time. */
    void generate(long sales, int days) throws SQLException, IOException {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofDays(days));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            step("catalogue", () -> catalogue(c));
            step("partitions", () -> s.execute("""
                    SELECT sale_month_partition(m) FROM generate_series(timestamptz '%s', timestamptz '%s',
                        interval '1 month') AS m; SELECT sale_month_partition(timestamptz '%2$s')""".formatted(start, end)));
            step(String.format(Locale.ROOT, "%,d sales", sales), () -> s.execute(salesSql(sales, start, end)
                    + "; ANALYZE sale, release, release_tag"));
            step("rollups by hour", () -> s.execute(rollupSql("stats_hour", "hour", "TRUE")));
            Instant kept = end.minus(Duration.ofDays(7));
            step("rollups by minute (the last 7 days)", () -> s.execute(rollupSql("stats_minute", "minute",
                    "s.sold_at >= '" + kept + "'") + "; INSERT INTO rollup_retention VALUES ('stats_minute', '" + kept + "')"));
            step("rollups by day", () -> s.execute("""
                    INSERT INTO stats_day (dimension, entity_id, window_start, entity_name, units, revenue_usd,
                        revenue_by_currency, carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                    SELECT dimension, entity_id, date_trunc('day', window_start, 'UTC'), max(entity_name), sum(units),
                           sum(revenue_usd), '{}', sum(carts), sum(pay_what_you_want_units), sum(overpay_usd), true, 1,
                           max(last_sale_at)
                    FROM stats_hour GROUP BY 1, 2, 3"""));
            step("rollups' split by buyer country", () -> s.execute(countrySplitSql("TRUE")));
            step("signals", () -> s.execute(signalsSql()));
            step("charts", () -> s.execute(chartsSql(end)));
            step("feed audit", () -> s.execute("""
                    INSERT INTO feed_window (feed_base_url, start_date, end_date, requested_start, server_time, received_at,
                        events, other_events, items, unreadable_events, backfill)
                    SELECT 'https://bandcamp.com', w, w + interval '1 minute', w, w + interval '1 minute',
                           w + interval '61 seconds', coalesce(n, 0), 0, coalesce(n, 0), 0, false
                    FROM generate_series(timestamptz '%s', timestamptz '%s' - interval '1 minute', interval '1 minute') AS w
                    LEFT JOIN (SELECT date_trunc('minute', sold_at, 'UTC') AS m, count(*)::int AS n FROM sale GROUP BY 1)
                        AS per_minute ON per_minute.m = w""".formatted(start, end)));
            // As autovacuum leaves tables in use: statistics, and the visibility map that index-only scans need.
            step("vacuum", () -> s.execute("VACUUM ANALYZE"));
        }
    }

    private void catalogue(Connection c) throws SQLException, IOException {
        copy(c, "artist (artist_id, url, band_id, name, location, updated_at, seen_at)", ARTISTS, i ->
                String.join("\t", EntityIds.artist(artistUrl(i)), artistUrl(i), String.valueOf(i), "Artist " + i,
                        i % 3 == 0 ? "Hamburg, Germany" : "\\N", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        copy(c, "artist_name (artist_id, name, first_seen_at, last_seen_at)", ARTISTS, i ->
                String.join("\t", EntityIds.artist(artistUrl(i)), "Artist " + i, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        copy(c, "label (label_id, url, band_id, name, location, updated_at, seen_at)", LABELS, i ->
                String.join("\t", EntityIds.label(labelUrl(i)), labelUrl(i), String.valueOf(1_000_000 + i), "Label " + i,
                        "\\N", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        StringBuilder tags = new StringBuilder();
        for (String genre : GENRES) {
            tags.append(genre).append("\tgenre\n");
        }
        for (int i = 0; i < TAGS; i++) {
            tags.append(tagName(i)).append("\tdescriptive\n");
        }
        copy(c, "tag (name, class)", tags.toString());
        // A third of the releases on no label; every release a genre and three descriptive tags.
        copy(c, "release (release_id, url, status, kind, title, item_id, artist_id, label_id, genre, first_seen_at, fetched_at)",
                RELEASES, i -> String.join("\t", EntityIds.release(releaseUrl(i)), releaseUrl(i), "known", "album",
                        "Release " + i, String.valueOf(i), EntityIds.artist(artistUrl(artistOf(i))),
                        i % 3 == 0 ? "\\N" : EntityIds.label(labelUrl(i % LABELS)), GENRES[i % GENRES.length],
                        "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        copy(c, "release_tag (release_id, tag, role, position)", RELEASES, i -> {
            String id = EntityIds.release(releaseUrl(i));
            return id + "\t" + GENRES[i % GENRES.length] + "\tgenre\t0\n"
                    + id + "\t" + tagName(i % TAGS) + "\tdescriptive\t1\n"
                    + id + "\t" + tagName((i * 7 + 1) % TAGS) + "\tdescriptive\t2\n"
                    + id + "\t" + tagName((i * 13 + 2) % TAGS) + "\tdescriptive\t3";
        });
        StringBuilder countries = new StringBuilder();
        for (String code : COUNTRIES) {
            countries.append(code).append('\t').append(new Locale("", code).getDisplayCountry(Locale.ENGLISH)).append('\n');
        }
        copy(c, "country (code, name)", countries.toString());
    }

    /**
     * Sales in carts of one to three items, the carts evenly over [start, end). An item's release is skewed towards
     * the first ones (the cube of a uniform number), its buyer's country towards the first countries.
     */
    private static String salesSql(long sales, Instant start, Instant end) {
        return """
                CREATE TEMPORARY TABLE gen_release AS
                    SELECT row_number() OVER (ORDER BY item_id) - 1 AS n, release_id, url, artist_id, label_id, title
                    FROM release;
                CREATE UNIQUE INDEX ON gen_release (n);
                INSERT INTO sale (sale_id, event_id, sold_at, artist, artist_url, item_type, title, url, currency,
                                  amount_paid, amount_paid_usd, pay_what_you_want, country, country_code, raw_item,
                                  release_url, release_id, artist_id, label_id)
                SELECT 'sale-' || g, 'cart-' || (g * 2 / 3),
                       timestamptz '%1$s' + (g * 2 / 3) * (interval '1 second' * %3$s / (%2$s * 2 / 3 + 1)),
                       'Artist ' || split_part(split_part(r.url, '.', 1), 'artist', 2), split_part(r.url, '/album', 1),
                       (ARRAY['album', 'track', 'physical', 'bundle'])[1 + (g %% 7 %% 4)], r.title, r.url, 'USD',
                       price, price, g %% 5 = 0, c.name, c.country_code, '{}', r.url, r.release_id, r.artist_id,
                       r.label_id
                FROM (SELECT g, floor(%4$s * power(random(), 3))::int AS n,
                             floor(%5$s * power(random(), 2))::int AS country,
                             round((1 + random() * 19)::numeric, 2) AS price
                      FROM generate_series(0, %2$s - 1) AS g) AS picks
                JOIN gen_release r ON r.n = picks.n
                JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS n, code AS country_code, name FROM country) AS c
                  ON c.n = picks.country
                """.formatted(start, sales, Duration.between(start, end).toSeconds(), RELEASES, COUNTRIES.length);
    }

    /** One rollup table from the sales: every dimension, with the transformer's names for them. */
    /**
     * Each rollup window's split by buyer country (column by_country, as the transformer writes it for artists,
     * releases, labels, genres and tags), for the sales that match {@code where} (on {@code s}, table sale).
     */
    static String countrySplitSql(String where) {
        StringBuilder sql = new StringBuilder("""
                CREATE TEMPORARY TABLE split_sales AS
                SELECT d.dimension, d.entity_id, s.sold_at, s.event_id, s.amount_paid_usd, s.country_code AS country
                FROM sale s JOIN release r ON r.release_id = s.release_id
                CROSS JOIN LATERAL (VALUES ('artist', s.artist_id), ('release', s.release_id), ('label', s.label_id),
                                           ('genre', r.genre)) AS d (dimension, entity_id)
                WHERE d.entity_id IS NOT NULL AND %1$s
                UNION ALL
                SELECT 'tag', t.tag, s.sold_at, s.event_id, s.amount_paid_usd, s.country_code
                FROM sale s JOIN release_tag t ON t.release_id = s.release_id AND t.role = 'descriptive'
                WHERE %1$s;
                """.formatted(where));
        for (String unit : new String[] {"minute", "hour", "day"}) {
            sql.append(TestRollups.countrySplitUpdate(unit, "split_sales")).append(";\n");
        }
        return sql.append("DROP TABLE split_sales").toString();
    }

    private static String rollupSql(String table, String unit, String where) {
        return """
                INSERT INTO %1$s (dimension, entity_id, window_start, entity_name, units, revenue_usd, revenue_by_currency,
                                  carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                SELECT d.dimension, d.entity_id, date_trunc('%2$s', s.sold_at, 'UTC'), max(d.name), count(*),
                       sum(s.amount_paid_usd), '{}', count(DISTINCT s.event_id), count(*) FILTER (WHERE s.pay_what_you_want),
                       0, true, 1, max(s.sold_at)
                FROM sale s JOIN release r ON r.release_id = s.release_id
                CROSS JOIN LATERAL (VALUES ('store', 'all', 'Bandcamp'), ('artist', s.artist_id, s.artist),
                                           ('release', s.release_id, s.title), ('label', s.label_id, 'label'),
                                           ('genre', r.genre, r.genre), ('country', s.country_code, s.country),
                                           ('kind', s.item_type, s.item_type)) AS d (dimension, entity_id, name)
                WHERE d.entity_id IS NOT NULL AND %3$s
                GROUP BY 1, 2, 3;
                INSERT INTO %1$s (dimension, entity_id, window_start, entity_name, units, revenue_usd, revenue_by_currency,
                                  carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                SELECT 'tag', t.tag, date_trunc('%2$s', s.sold_at, 'UTC'), t.tag, count(*), sum(s.amount_paid_usd), '{}',
                       count(DISTINCT s.event_id), count(*) FILTER (WHERE s.pay_what_you_want), 0, true, 1, max(s.sold_at)
                FROM sale s JOIN release_tag t ON t.release_id = s.release_id AND t.role = 'descriptive'
                WHERE %3$s
                GROUP BY 1, 2, 3""".formatted(table, unit, where);
    }

    /** Each artist's and release's first sale, and each artist's milestones of 10, 100 and 1,000 units. */
    private static String signalsSql() {
        return """
                INSERT INTO signal (id, kind, dimension, entity_id, entity_name, at, observed, threshold, metric, sale_id)
                SELECT 'first_sale:' || dimension || ':' || entity_id, 'first_sale', dimension, entity_id, entity_name,
                       first_at, 1, NULL, NULL, NULL
                FROM (SELECT 'artist' AS dimension, entity_id, max(entity_name) AS entity_name, min(window_start) AS first_at
                      FROM stats_day WHERE dimension = 'artist' GROUP BY entity_id
                      UNION ALL
                      SELECT 'release', entity_id, max(entity_name), min(window_start)
                      FROM stats_day WHERE dimension = 'release' GROUP BY entity_id) AS firsts;
                INSERT INTO signal (id, kind, dimension, entity_id, entity_name, at, observed, threshold, metric)
                SELECT 'milestone:artist:' || entity_id || ':units:' || step, 'milestone', 'artist', entity_id, entity_name,
                       at, total, step, 'units'
                FROM (SELECT entity_id, entity_name, window_start AS at, step,
                             sum(units) OVER (PARTITION BY entity_id ORDER BY window_start) AS total,
                             sum(units) OVER (PARTITION BY entity_id ORDER BY window_start) - units AS before
                      FROM stats_day CROSS JOIN (VALUES (10), (100), (1000)) AS steps (step)
                      WHERE dimension = 'artist') AS running
                WHERE before < step AND total >= step""";
    }

    /** The store's charts over the last hour and 24 hours, from the rollups. */
    private static String chartsSql(Instant end) {
        StringBuilder sql = new StringBuilder();
        for (String dimension : new String[] {"artist", "release", "label", "genre", "tag"}) {
            for (String[] window : new String[][] {{"1h", "stats_minute", "1 hour"}, {"24h", "stats_hour", "24 hours"}}) {
                sql.append("""
                        INSERT INTO trending_chart VALUES ('%1$s', '%2$s', 'store', '%4$s', timestamptz '%4$s' - interval '%5$s');
                        INSERT INTO trending_entry (dimension, "window", scope, rank, previous_rank, entity_id, entity_name,
                                                    units, revenue_usd)
                        SELECT '%1$s', '%2$s', 'store', row_number() OVER (ORDER BY sum(units) DESC, entity_id), NULL,
                               entity_id, max(entity_name), sum(units), sum(revenue_usd)
                        FROM %3$s WHERE dimension = '%1$s' AND window_start >= timestamptz '%4$s' - interval '%5$s'
                        GROUP BY entity_id ORDER BY sum(units) DESC, entity_id LIMIT 20;
                        """.formatted(dimension, window[0], window[1], end, window[2]));
            }
        }
        return sql.toString();
    }

    private static void copy(Connection c, String table, int rows, IntFunction<String> row) throws SQLException, IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            text.append(row.apply(i)).append('\n');
        }
        copy(c, table, text.toString());
    }

    private static void copy(Connection c, String table, String text) throws SQLException, IOException {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN", new StringReader(text));
    }

    private interface Step {
        void run() throws SQLException, IOException;
    }

    private static void step(String what, Step step) throws SQLException, IOException {
        long start = System.nanoTime();
        step.run();
        System.out.printf(Locale.ROOT, "generated %-38s in %6.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }
}
