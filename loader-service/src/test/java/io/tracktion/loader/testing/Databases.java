package io.tracktion.loader.testing;

import io.tracktion.testsupport.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Test databases: migrated like the loader does it, and switched off and on to play an outage. */
public final class Databases {

    private Databases() {
    }

    /** A new database with table sale, migrated from sales-db's scripts. */
    public static String migrated(Postgres postgres) {
        String name = postgres.newDatabase();
        Flyway.configure().dataSource(postgres.dataSource(name)).locations("classpath:db/migration").load().migrate();
        return name;
    }

    /** Refuses new connections to the database (superusers included) and ends the open ones. */
    public static void takeDown(Postgres postgres, String database) {
        execute(postgres, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        execute(postgres, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    public static void bringUp(Postgres postgres, String database) {
        execute(postgres, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    private static void execute(Postgres postgres, String sql) {
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }
}
