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
}
