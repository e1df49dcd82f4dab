package io.tracktion.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** application.yml: the shared environment variables and their defaults; no bean is created. */
class ApiConfigurationTest {

    @Test
    void defaultsSuitALocalRun() {
        Environment env = environment(Map.of());

        assertThat(env.getProperty("micronaut.server.port", Integer.class)).contains(8080);
        assertThat(env.getProperty("datasources.default.url", String.class))
                .contains("jdbc:postgresql://localhost:5432/tracktion");
        assertThat(env.getProperty("datasources.default.username", String.class)).contains("tracktion");
        assertThat(env.getProperty("datasources.default.password", String.class)).contains("tracktion");
        assertThat(env.getProperty("datasources.default.initialization-fail-timeout", Long.class)).contains(-1L);
        assertThat(env.getProperty("endpoints.health.sensitive", Boolean.class)).contains(false);
        assertThat(env.getProperty("flyway.datasources.default.enabled", Boolean.class)).isEmpty();
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        Environment env = environment(Map.of(
                "API_PORT", "18080", "DB_HOST", "db.internal", "DB_PORT", "6543", "DB_NAME", "sales",
                "DB_USER", "reader", "DB_PASSWORD", "s3cret:with:colons"));

        assertThat(env.getProperty("micronaut.server.port", Integer.class)).contains(18080);
        assertThat(env.getProperty("datasources.default.url", String.class))
                .contains("jdbc:postgresql://db.internal:6543/sales");
        assertThat(env.getProperty("datasources.default.username", String.class)).contains("reader");
        assertThat(env.getProperty("datasources.default.password", String.class)).contains("s3cret:with:colons");
    }

    /** The configuration as it resolves with these variables set. */
    private static Environment environment(Map<String, Object> variables) {
        return ApplicationContext.builder()
                .propertySources(PropertySource.of("variables", variables))
                .build()
                .getEnvironment()
                .start();
    }
}
