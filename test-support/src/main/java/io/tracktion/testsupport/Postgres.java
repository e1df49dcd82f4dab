package io.tracktion.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 17 server from embedded binaries, started for a test class. Register it as a
 * static JUnit extension:
 *
 * <pre>{@code @RegisterExtension static final Postgres postgres = new Postgres();}</pre>
 *
 * Each call of {@link #newDatabase()} makes an empty database, so tests need not share state.
 */
public final class Postgres implements BeforeAllCallback, AfterAllCallback {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgres server;
    private boolean statementStatistics;
    private Path dataDirectory;
    private final Map<String, String> serverConfig = new LinkedHashMap<>();

    /**
     * Loads pg_stat_statements at the server's start, so that a test can read every statement run against it
     * ({@code CREATE EXTENSION pg_stat_statements} in the database, then view pg_stat_statements), e.g. to
     * {@code EXPLAIN} what an endpoint ran.
     */
    public Postgres withStatementStatistics() {
        statementStatistics = true;
        return this;
    }

    /**
     * Keeps the server's files in {@code directory} (made if missing) and leaves them there when it stops, so that a
     * benchmark's data, slow to generate, serves the next run too.
     */
    public Postgres withDataDirectory(Path directory) {
        dataDirectory = directory;
        return this;
    }

    /** A setting of the server's, e.g. {@code shared_buffers} for a benchmark on a production-sized cache. */
    public Postgres withServerConfig(String name, String value) {
        serverConfig.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    public synchronized void start() throws IOException {
        if (server == null) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            if (statementStatistics) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            serverConfig.forEach(builder::setServerConfig);
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            server = builder.start();
        }
    }

    public synchronized void stop() throws IOException {
        if (server != null) {
            EmbeddedPostgres s = server;
            server = null;
            s.close();
        }
    }

    public int port() {
        return running().getPort();
    }

    /** Creates an empty database and returns its name. */
    public String newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        createDatabase(name);
        return name;
    }

    /** Whether the database {@code name} exists. */
    public boolean databaseExists(String name) {
        try (Connection c = running().getPostgresDatabase().getConnection();
             var select = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            select.setString(1, name);
            try (var found = select.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look for database " + name, e);
        }
    }

    /** Creates an empty database of that name. */
    public void createDatabase(String name) {
        try (Connection c = running().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    /**
     * Creates a database and applies the Flyway migrations on the caller's classpath
     * ({@code classpath:db/migration}, e.g. table sale from module sales-db), as the loader does at its start.
     */
    public String newMigratedDatabase() {
        String name = newDatabase();
        migrate(name);
        return name;
    }

    /** Applies the Flyway migrations on the caller's classpath to the database. */
    public void migrate(String database) {
        Flyway.configure().dataSource(dataSource(database)).locations("classpath:db/migration").load().migrate();
    }

    /** Refuses new connections to the database (superusers included) and ends the open ones: an outage. */
    public void takeDown(String database) {
        execute("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    /** Ends the outage {@link #takeDown(String)} began. */
    public void bringUp(String database) {
        execute("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    /** Runs one SQL statement in the database as the superuser. */
    public void execute(String database, String sql) {
        try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public DataSource dataSource(String database) {
        return running().getDatabase(USER, database, Map.of());
    }

    private EmbeddedPostgres running() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL not started");
        }
        return server;
    }
}
