package io.tracktion.api.testing;

import io.tracktion.testsupport.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Test databases: migrated as the loader does it, emptied between tests, and switched off to play an outage. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A new database with table sale, migrated from sales-db's scripts. */
    public static String migrated(Postgres postgres) {
        String name = postgres.newDatabase();
        Flyway.configure().dataSource(postgres.dataSource(name)).locations("classpath:db/migration").load().migrate();
        return name;
    }

    public static void truncateSales(Postgres postgres, String database) {
        execute(postgres, database, "TRUNCATE sale");
    }

    /** Refuses new connections to the database (superusers included) and ends the open ones. */
    public static void takeDown(Postgres postgres, String database) {
        execute(postgres, "postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        execute(postgres, "postgres",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    public static void bringUp(Postgres postgres, String database) {
        execute(postgres, "postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    public static void execute(Postgres postgres, String database, String sql) {
        try (Connection c = postgres.dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }
}
