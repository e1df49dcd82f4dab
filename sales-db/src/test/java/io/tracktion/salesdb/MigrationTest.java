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
}
