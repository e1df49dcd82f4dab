package io.tracktion.launcher.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.launcher.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Embedded PostgreSQL 17 with a kept data directory: the second start finds the first one's data. */
@Timeout(180)
class PostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void createsRoleAndDatabaseAndKeepsDataAcrossRestarts() throws Exception {
        int port = Ports.findFree();
        Path data = dir.resolve("postgres");
        Path log = dir.resolve("logs/postgres.log");
        String password = "it's \"quoted\"";

        PostgresServer first = PostgresServer.start(data, port, log);
        try {
            first.ensureRoleAndDatabase("tracktion", password, "tracktion");
            try (Connection c = connect(port, password); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (note text)");
                s.execute("INSERT INTO kept VALUES ('from the first start')");
            }
        } finally {
            first.stop();
        }

        PostgresServer second = PostgresServer.start(data, port, log);
        try {
            second.ensureRoleAndDatabase("tracktion", password, "tracktion"); // both exist now: no error
            try (Connection c = connect(port, password); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT note, current_user, "
                         + "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner "
                         + "FROM kept")) {
                assertTrue(rs.next());
                assertEquals("from the first start", rs.getString("note"));
                assertEquals("tracktion", rs.getString("current_user"));
                assertEquals("tracktion", rs.getString("owner"));
            }
            try (Connection c = second.superuserDataSource("postgres").getConnection(); Statement s = c.createStatement()) {
                assertTrue(setting(s, "server_version").startsWith("17."), setting(s, "server_version"));
                assertEquals("on", setting(s, "fsync"), "kept data is written durably");
                assertEquals("on", setting(s, "synchronous_commit"));
            }
        } finally {
            second.stop();
        }
        assertTrue(Ports.isFree(port), "stopped");
    }

    private static String setting(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static Connection connect(int port, String password) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/tracktion", "tracktion", password);
    }
}
