package io.tracktion.launcher.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * PostgreSQL 17 from zonky's embedded binaries, managed from the launcher's JVM (the server itself is a
 * separate process: {@code pg_ctl} starts it in its own session, so a Ctrl-C reaches only the launcher, which
 * stops PostgreSQL after the services). The data directory is kept: zonky runs initdb only when it holds no
 * {@code postgresql.conf} yet, so a second start finds the same data.
 *
 * <p>zonky's initdb sets trust authentication and the server listens on localhost only: fine on a
 * developer's machine, where the role's password is set for the services but not enforced.
 */
public final class PostgresServer {

    private final EmbeddedPostgres server;

    private PostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts the server on {@code port}, with its data in {@code dataDir} and its output in {@code logFile}. */
    public static PostgresServer start(Path dataDir, int port, Path logFile) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // The launcher stops it in order (after the services) from its own shutdown hook.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // zonky tunes for throwaway test databases (-F: fsync off, synchronous_commit off). This data is
                // kept across restarts, and a committed sale must stay committed: make commits durable again.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        return new PostgresServer(server);
    }

    /** A connection to {@code database} as the superuser (trust authentication, local only). */
    public DataSource superuserDataSource(String database) {
        return server.getDatabase("postgres", database);
    }

    /**
     * Makes sure role {@code user} can log in with {@code password} (updated if it changed) and that
     * {@code database} exists, owned by it.
     */
    public void ensureRoleAndDatabase(String user, String password, String database) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            String role = identifier(user);
            String roleCommand = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user) ? "ALTER ROLE " : "CREATE ROLE ";
            // DDL takes no bind parameters: the name and password are quoted instead.
            s.execute(roleCommand + role + " LOGIN PASSWORD " + literal(password));
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                s.execute("CREATE DATABASE " + identifier(database) + " OWNER " + role);
            }
        }
    }

    /** A fast shutdown ({@code pg_ctl stop -m fast}): open sessions are ended, data is flushed. */
    public void stop() throws IOException {
        server.close();
    }

    private static boolean exists(Connection c, String query, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, value);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string literal; PostgreSQL's standard_conforming_strings (on by default) keeps backslashes literal. */
    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
