package io.tracktion.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.RunningApi;
import io.tracktion.testsupport.Postgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database down, not migrated yet, or refusing us: the API starts anyway, answers problems that
 * show nothing internal, and recovers by itself when the database does.
 */
class DatabaseTroubleTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    private static final List<String> API_PATHS = List.of("/api/v1/stats/summary", "/api/v1/sales", "/api/v1/artists/top");

    /** Hikari's shortest wait for a connection, to keep the tests quick. */
    private static final Map<String, Object> QUICK_TIMEOUT = Map.of("datasources.default.connection-timeout", 250);

    @Test
    void startsWithoutTheDatabaseAnswers503AndRecoversWhenItComesUp() {
        String database = POSTGRES.newMigratedDatabase();
        POSTGRES.takeDown(database);

        try (RunningApi api = RunningApi.start(POSTGRES, database, QUICK_TIMEOUT)) {
            for (String path : API_PATHS) {
                assertUnavailable(api.get(path));
            }
            ApiResponse health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");

            POSTGRES.bringUp(database);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(api.get("/api/v1/stats/summary").status()).isEqualTo(200));
            assertThat(api.get("/health").json().get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void answers503UntilTheLoaderHasCreatedTheTable() {
        String database = POSTGRES.newDatabase();

        try (RunningApi api = RunningApi.start(POSTGRES, database, QUICK_TIMEOUT)) {
            for (String path : API_PATHS) {
                assertUnavailable(api.get(path));
            }

            Flyway.configure().dataSource(POSTGRES.dataSource(database)).locations("classpath:db/migration").load().migrate();

            for (String path : API_PATHS) {
                assertThat(api.get(path).status()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void anUnexpectedDatabaseErrorIsA500ProblemWithoutItsDetails() {
        String database = POSTGRES.newMigratedDatabase();
        // a user that may connect but may not read table sale: a misconfiguration, not an outage
        POSTGRES.execute(database, "CREATE ROLE no_grants LOGIN PASSWORD 'no-grants-secret'");
        Map<String, Object> asNoGrants = Map.of(
                "datasources.default.username", "no_grants", "datasources.default.password", "no-grants-secret");

        try (RunningApi api = RunningApi.start(POSTGRES, database, asNoGrants)) {
            ApiResponse response = api.get("/api/v1/sales");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("title").asText()).isEqualTo("Internal Server Error");
            assertThat(response.json().get("detail").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain("permission", "SELECT", "Exception", "no-grants-secret");
        }
    }

    @Test
    void aQueryPastTheStatementTimeoutIsA503AndFreesItsConnection() throws Exception {
        String database = POSTGRES.newMigratedDatabase();
        Map<String, Object> quickTimeout = Map.of("datasources.default.connection-init-sql",
                "SET statement_timeout = '300ms'");

        try (RunningApi api = RunningApi.start(POSTGRES, database, quickTimeout);
             java.sql.Connection locker = POSTGRES.dataSource(database).getConnection()) {
            // Another transaction holds table sale: the API's reads wait on it until the timeout cancels them.
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE sale IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < 10; i++) { // more than the pool's 8 connections: each one is given back
                ApiResponse response = api.get("/api/v1/sales");
                assertThat(response.status()).as(response.body()).isEqualTo(503);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("detail").asText()).contains("shorter period");
                assertThat(response.body()).doesNotContain("Exception", "SELECT", "canceling");
            }
            locker.rollback();

            assertThat(api.get("/api/v1/sales").status()).isEqualTo(200);
        }
    }

    private static void assertUnavailable(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(503);
        assertThat(response.json().get("detail").asText()).contains("database is unavailable");
        // nothing internal: no exception, SQL, connection URL or credentials
        assertThat(response.body()).doesNotContain("Exception", "SELECT", "jdbc:", Postgres.PASSWORD);
    }
}
