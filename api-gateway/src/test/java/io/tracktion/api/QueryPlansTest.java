package io.tracktion.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestCatalog;
import io.tracktion.api.testing.TestRollups;
import io.tracktion.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every statement the main endpoints run, as PostgreSQL received it (pg_stat_statements), is explained with its
 * generic plan and sequential scans discouraged: a plan that still scans the fact table (or a rollup) sequentially
 * has no index to use, and would read every row of a year of sales.
 */
class QueryPlansTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase(new Postgres().withStatementStatistics());

    private static final Pattern FULL_SCAN = Pattern.compile(
            "Seq Scan on (sale|sale_\\d{4}_\\d{2}|stats_minute|stats_hour|stats_day|signal)\\b");
    private static final Pattern TYPED_LITERAL = Pattern.compile("\\b(interval|timestamptz|date) \\$(\\d+)");
    private static final List<String> ENDPOINTS = List.of(
            "/api/v1/sales?limit=5", "/api/v1/sales?artist=Velvet%20Orrery&from=2026-11-28T00:00:00Z",
            "/api/v1/stats/timeseries?interval=minute&from=2026-11-28T10:00:00Z&to=2026-11-28T12:00:00Z",
            "/api/v1/stats/timeseries?dimension=artist&id=" + TestCatalog.VELVET,
            "/api/v1/top/artists?from=2026-11-28T10:13:00Z&to=2026-11-30T07:02:00Z",
            "/api/v1/top/tags?by=units", "/api/v1/artists/top",
            "/api/v1/trending/artists?window=1h", "/api/v1/signals?kind=milestone", "/api/v1/signals?dimension=artist&id=x",
            "/api/v1/artists/" + TestCatalog.VELVET + "?from=2026-11-28T00:00:00Z&to=2026-12-01T00:00:00Z",
            "/api/v1/artists?url=https://velvetorrery.bandcamp.com",
            "/api/v1/labels/" + TestCatalog.HARBOUR_LABEL, "/api/v1/releases/" + TestCatalog.HARBOUR,
            "/api/v1/tags/dub%20techno", "/api/v1/tags/electronic",
            "/api/v1/matrix?rows=genres&from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z",
            "/api/v1/matrix?rows=tags&from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z",
            "/api/v1/coverage?from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z");

    @Test
    void noMainQueryScansTheFactTableOrARollup() throws SQLException {
        TestCatalog.insert(API);
        API.insert(TestCatalog.randomSales(new Random(1), 2_000, Instant.parse("2026-11-28T00:00:00Z"), Duration.ofHours(78)));
        TestRollups.rebuild(API);
        API.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; ANALYZE; SELECT pg_stat_statements_reset();");

        for (String endpoint : ENDPOINTS) {
            assertThat(API.get(endpoint).status()).as(endpoint).isEqualTo(200);
        }

        List<String> explained = new ArrayList<>();
        // The simple protocol sends the statements' $1, $2 as text, for EXPLAIN (GENERIC_PLAN) to plan them unbound.
        try (Connection c = DriverManager.getConnection(API.jdbcUrl() + "?preferQueryMode=simple", Postgres.USER,
                Postgres.PASSWORD); Statement s = c.createStatement()) {
            List<String> statements = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("""
                    SELECT query FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND query ~* '^\\s*(WITH|SELECT)' AND query !~ 'pg_stat_statements'""")) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
            assertThat(statements).as("statements recorded").hasSizeGreaterThan(ENDPOINTS.size());
            s.execute("SET enable_seqscan = off");
            for (String statement : statements) {
                StringBuilder plan = new StringBuilder();
                // pg_stat_statements writes a typed literal (interval '1 hour') as "interval $7": a cast is the same.
                String explainable = TYPED_LITERAL.matcher(statement).replaceAll("\\$$2::$1");
                try (ResultSet rows = s.executeQuery("EXPLAIN (GENERIC_PLAN) " + explainable)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                } catch (SQLException e) {
                    throw new AssertionError("Cannot explain " + explainable, e);
                }
                assertThat(FULL_SCAN.matcher(plan).find()).as("%s%n%s", statement, plan).isFalse();
                explained.add(statement);
            }
        }
        // The capture saw the statements that read the fact table (the sales list) and the rollups, and the splits.
        assertThat(explained).anyMatch(sql -> sql.contains("FROM sale "));
        assertThat(explained).anyMatch(sql -> sql.contains("stats_day"));
        assertThat(explained).anyMatch(sql -> sql.contains("jsonb_each(tiles.by_country)"));
    }
}
