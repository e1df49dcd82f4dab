package io.tracktion.salesdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracktion.testsupport.Postgres;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationTest {

    @RegisterExtension
    static final Postgres postgres = new Postgres();

    @Test
    void migratesAnEmptyDatabaseAndKeepsMoneyExact() throws Exception {
        DataSource db = postgres.dataSource(postgres.newDatabase());
        var result = Flyway.configure().dataSource(db).load().migrate();
        assertEquals(true, result.success);
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.execute("SELECT sale_month_partition('2025-06-15T15:01:01Z')"); // as the loader does for its batches
            s.execute("""
                    INSERT INTO sale (sale_id, event_id, sold_at, artist, item_type, title, currency, amount_paid,
                                      amount_paid_usd, pay_what_you_want, raw_item)
                    VALUES ('s1', 'e1', '2025-06-15T15:01:01.530118Z', 'a', 'album', 't', 'EUR', 4.99, 5.79, false, '{"a": 1.50}')""");
            var rs = s.executeQuery("SELECT amount_paid::text, sold_at = '2025-06-15T15:01:01.530118Z'::timestamptz, raw_item::text FROM sale");
            rs.next();
            assertEquals("4.9900", rs.getString(1));
            assertEquals(true, rs.getBoolean(2));
            assertEquals("{\"a\": 1.50}", rs.getString(3));
            assertThrows(SQLException.class, () -> s.execute("""
                    INSERT INTO sale (sale_id, event_id, sold_at, artist, item_type, title, currency, amount_paid,
                                      amount_paid_usd, pay_what_you_want, raw_item)
                    VALUES ('s2', 'e1', now(), 'a', 'vinyl', 't', 'EUR', 1, 1, false, '{}')"""));
        }
    }

    @Test
    void existingSalesGetTheirReleaseUrlWhenReleasesArrive() throws Exception {
        DataSource db = postgres.dataSource(postgres.newDatabase());
        Flyway.configure().dataSource(db).target("1").load().migrate();
        try (var c = db.getConnection(); var s = c.createStatement()) {
            String insert = """
                    INSERT INTO sale (sale_id, event_id, sold_at, artist, item_type, title, currency, amount_paid,
                                      amount_paid_usd, pay_what_you_want, raw_item, url)
                    VALUES ('%s', 'e1', now(), 'a', 'album', 't', 'EUR', 1, 1, false, '{}', %s)""";
            s.execute(insert.formatted("s1", "'http://Velvet.bandcamp.com/album/lanterns/'"));
            s.execute(insert.formatted("s2", "'https://velvet.bandcamp.com//track/slow-tide?from=x'"));
            s.execute(insert.formatted("s3", "'https://velvet.bandcamp.com'"));
            s.execute(insert.formatted("s4", "NULL"));
            s.execute(insert.formatted("s5", "'https://music.example.org:8443/merch/shirt#top'"));
        }
        assertEquals(true, Flyway.configure().dataSource(db).load().migrate().success);
        try (var c = db.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT sale_id, release_url FROM sale ORDER BY sale_id");
            java.util.Map<String, String> urls = new java.util.TreeMap<>();
            while (rs.next()) {
                urls.put(rs.getString(1), rs.getString(2));
            }
            // As ReleaseUrls.release has them: https, lower-case host, no port, query, fragment or trailing slash.
            assertEquals("https://velvet.bandcamp.com/album/lanterns", urls.get("s1"));
            assertEquals("https://velvet.bandcamp.com/track/slow-tide", urls.get("s2"));
            assertEquals(null, urls.get("s3"));
            assertEquals(null, urls.get("s4"));
            assertEquals("https://music.example.org/merch/shirt", urls.get("s5"));
        }
    }

    @Test
    void existingSalesMoveIntoMonthPartitionsLinkedToTheirKnownRelease() throws Exception {
        DataSource db = postgres.dataSource(postgres.newDatabase());
        Flyway.configure().dataSource(db).target("3").load().migrate();
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.execute("""
                    INSERT INTO artist (artist_id, url, name, updated_at)
                    VALUES ('art1', 'https://velvet.bandcamp.com', 'Velvet', '2025-05-01T00:00:00Z')""");
            s.execute("""
                    INSERT INTO release (release_id, url, status, artist_id, first_seen_at)
                    VALUES ('rel1', 'https://velvet.bandcamp.com/album/lanterns', 'known', 'art1', now()),
                           ('rel2', 'https://velvet.bandcamp.com/album/pending', 'pending', NULL, now())""");
            String insert = """
                    INSERT INTO sale (sale_id, event_id, sold_at, artist, item_type, title, currency, amount_paid,
                                      amount_paid_usd, pay_what_you_want, raw_item, release_url, country, country_code)
                    VALUES ('%s', 'e1', '%s', 'Velvet', 'album', 't', 'EUR', 1.5, 1.75, false, '{}', %s, 'Germany', 'de')""";
            s.execute(insert.formatted("s1", "2025-05-31T23:59:59.999999Z", "'https://velvet.bandcamp.com/album/lanterns'"));
            s.execute(insert.formatted("s2", "2025-06-01T00:00:00Z", "'https://velvet.bandcamp.com/album/pending'"));
            s.execute(insert.formatted("s3", "2025-06-15T12:00:00Z", "NULL"));
        }
        assertEquals(true, Flyway.configure().dataSource(db).load().migrate().success);
        try (var c = db.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("""
                    SELECT sale_id, tableoid::regclass::text, release_id, artist_id, amount_paid::text FROM sale
                    ORDER BY sale_id""");
            java.util.List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " " + rs.getString(5));
            }
            // UTC months; only a known release links a sale.
            assertEquals(java.util.List.of("s1 sale_2025_05 rel1 art1 1.5000", "s2 sale_2025_06 null null 1.5000",
                    "s3 sale_2025_06 null null 1.5000"), rows);
            var country = s.executeQuery("SELECT code, name FROM country");
            country.next();
            assertEquals("DE Germany", country.getString(1) + " " + country.getString(2));
            var names = s.executeQuery("SELECT count(*) FROM artist_name WHERE artist_id = 'art1' AND name = 'Velvet'");
            names.next();
            assertEquals(1, names.getInt(1));

            String later = """
                    INSERT INTO sale (sale_id, event_id, sold_at, artist, item_type, title, currency, amount_paid,
                                      amount_paid_usd, pay_what_you_want, raw_item)
                    VALUES ('s9', 'e9', '2031-02-03T04:05:06Z', 'a', 'album', 't', 'EUR', 1, 1, false, '{}')""";
            assertThrows(SQLException.class, () -> s.execute(later), "no partition for that month yet");
            s.execute("SELECT sale_month_partition('2031-02-03T04:05:06Z')");
            s.execute("SELECT sale_month_partition('2031-02-28T23:00:00Z')"); // the same month: nothing new
            s.execute(later);
            assertThrows(SQLException.class, () -> s.execute(later), "(sold_at, sale_id) is the key");
        }
    }

    /** V12: the loader finds a release's sales by artist and time from then on, so the sales already stored need their spans. */
    @Test
    void existingSalesGiveEachReleasePageAndArtistNameItsFirstSale() throws Exception {
        DataSource db = postgres.dataSource(postgres.newDatabase());
        Flyway.configure().dataSource(db).target("11").load().migrate();
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.execute("SELECT sale_month_partition('2025-05-01T00:00:00Z'), sale_month_partition('2025-06-01T00:00:00Z')");
            String insert = """
                    INSERT INTO sale (sale_id, event_id, sold_at, artist, item_type, title, currency, amount_paid,
                                      amount_paid_usd, pay_what_you_want, raw_item, release_url)
                    VALUES ('%s', 'e', '%s', '%s', 'album', 't', 'EUR', 1, 1, false, '{}', %s)""";
            String lanterns = "'https://velvet.bandcamp.com/album/lanterns'";
            s.execute(insert.formatted("s1", "2025-06-02T00:00:00Z", "Velvet", lanterns));
            s.execute(insert.formatted("s2", "2025-05-20T00:00:00Z", "Velvet", lanterns));
            s.execute(insert.formatted("s3", "2025-06-03T00:00:00Z", "The Velvet", lanterns));
            s.execute(insert.formatted("s4", "2025-05-01T00:00:00Z", "Velvet", "'https://velvet.bandcamp.com/album/kessel'"));
            s.execute(insert.formatted("s5", "2025-05-01T00:00:00Z", "Velvet", "NULL"));
        }
        assertEquals(true, Flyway.configure().dataSource(db).load().migrate().success);
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            var rs = s.executeQuery("SELECT release_url, artist, first_sold_at FROM release_sale_span ORDER BY 1, 2");
            java.util.List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            assertEquals(java.util.List.of(
                    "https://velvet.bandcamp.com/album/kessel Velvet 2025-05-01 00:00:00+00",
                    "https://velvet.bandcamp.com/album/lanterns The Velvet 2025-06-03 00:00:00+00",
                    "https://velvet.bandcamp.com/album/lanterns Velvet 2025-05-20 00:00:00+00"), rows);
        }
    }

    @Test
    void existingRollupWindowsGetTheirSplitByBuyerCountryFromTheSales() throws Exception {
        DataSource db = postgres.dataSource(postgres.newDatabase());
        Flyway.configure().dataSource(db).target("6").load().migrate();
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.execute("""
                    INSERT INTO artist (artist_id, url, name, updated_at)
                    VALUES ('art1', 'https://velvet.bandcamp.com', 'Velvet', '2025-05-01T00:00:00Z')""");
            s.execute("""
                    INSERT INTO release (release_id, url, status, artist_id, genre, first_seen_at)
                    VALUES ('rel1', 'https://velvet.bandcamp.com/album/lanterns', 'known', 'art1', 'electronic', now())""");
            s.execute("INSERT INTO tag (name, class) VALUES ('ambient', 'descriptive')");
            s.execute("INSERT INTO release_tag (release_id, tag, role, position) VALUES ('rel1', 'ambient', 'descriptive', 0)");
            s.execute("SELECT sale_month_partition('2025-06-15T10:00:00Z')");
            String sale = """
                    INSERT INTO sale (sale_id, event_id, sold_at, artist, item_type, title, currency, amount_paid,
                                      amount_paid_usd, pay_what_you_want, raw_item, release_url, release_id, artist_id,
                                      country_code)
                    VALUES ('%s', '%s', '%s', 'Velvet', 'album', 't', 'USD', %s, %4$s, false, '{}',
                            'https://velvet.bandcamp.com/album/lanterns', 'rel1', 'art1', %s)""";
            s.execute(sale.formatted("s1", "e1", "2025-06-15T10:01:00Z", "1.50", "'de'"));
            s.execute(sale.formatted("s2", "e1", "2025-06-15T10:01:00Z", "2.25", "'DE'"));
            s.execute(sale.formatted("s3", "e2", "2025-06-15T10:40:00Z", "4.00", "NULL"));
            String window = """
                    INSERT INTO stats_hour (dimension, entity_id, window_start, entity_name, units, revenue_usd,
                        revenue_by_currency, carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                    VALUES ('%s', '%s', '2025-06-15T10:00:00Z', 'n', 3, 7.75, '{}', 2, 0, 0, true, 1, now())""";
            for (String[] entity : new String[][] {{"artist", "art1"}, {"tag", "ambient"}, {"store", "all"}}) {
                s.execute(window.formatted(entity[0], entity[1]));
            }
        }
        assertEquals(true, Flyway.configure().dataSource(db).load().migrate().success);
        try (var c = db.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT dimension, by_country::text FROM stats_hour ORDER BY dimension");
            java.util.Map<String, String> splits = new java.util.TreeMap<>();
            while (rs.next()) {
                splits.put(rs.getString(1), rs.getString(2));
            }
            String expected = "{\"DE\": {\"carts\": 1, \"units\": 2, \"revenue_usd\": \"3.7500\"}, "
                    + "\"unknown\": {\"carts\": 1, \"units\": 1, \"revenue_usd\": \"4.0000\"}}";
            assertEquals(java.util.Map.of("artist", expected, "tag", expected, "store", "{}"), splits);
        }
    }
}
