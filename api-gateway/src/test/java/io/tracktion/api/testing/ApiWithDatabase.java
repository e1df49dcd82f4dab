package io.tracktion.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.testsupport.Postgres;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One PostgreSQL, one migrated database and one running API gateway for a test class; table sale is
 * emptied before each test. Register it as a static JUnit extension:
 *
 * <pre>{@code @RegisterExtension static final ApiWithDatabase API = new ApiWithDatabase();}</pre>
 */
public final class ApiWithDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Postgres postgres;
    private String database;
    private RunningApi api;

    public ApiWithDatabase() {
        this(new Postgres());
    }

    /** With a PostgreSQL of the caller's settings, e.g. {@link Postgres#withStatementStatistics()}. */
    public ApiWithDatabase(Postgres postgres) {
        this.postgres = postgres;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres.start();
        database = postgres.newMigratedDatabase();
        api = RunningApi.start(postgres, database);
    }

    /** A second instance of the API on the same database, with other settings; the caller closes it. */
    public RunningApi startAnother(Map<String, Object> overrides) {
        return RunningApi.start(postgres, database, overrides);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        postgres.execute(database, "TRUNCATE sale, release_tag, release, artist_name, artist, label, tag, feed_window, feed_gap, country, "
                + "stats_minute, stats_hour, stats_day, rollup_retention, signal, trending_entry, trending_chart");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            postgres.stop();
        }
    }

    public void insert(TestSale... sales) {
        TestSale.insert(postgres.dataSource(database), sales);
    }

    public void insert(List<TestSale> sales) {
        TestSale.insert(postgres.dataSource(database), sales);
    }

    /** Runs SQL against the API's database, e.g. to put releases in (the loader's tables). */
    public void execute(String sql) {
        postgres.execute(database, sql);
    }

    /** The API's database, for reference queries. */
    public DataSource dataSource() {
        return postgres.dataSource(database);
    }

    /** The JDBC URL of the API's database. */
    public String jdbcUrl() {
        return postgres.jdbcUrl(database);
    }

    public ApiResponse get(String pathAndQuery) {
        return api.get(pathAndQuery);
    }

    /** GET that must answer 200 with JSON. */
    public JsonNode getJson(String pathAndQuery) {
        ApiResponse response = api.get(pathAndQuery);
        if (response.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }
}
