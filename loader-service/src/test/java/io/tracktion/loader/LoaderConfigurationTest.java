package io.tracktion.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** application.yml: the shared environment variables, their defaults, and nothing secret in the clear. */
class LoaderConfigurationTest {

    @Test
    void defaultsSuitALocalRun() {
        Environment env = environment(Map.of());

        assertThat(env.getProperty("datasources.default.url", String.class))
                .contains("jdbc:postgresql://localhost:5432/tracktion");
        assertThat(env.getProperty("datasources.default.username", String.class)).contains("tracktion");
        assertThat(env.getProperty("datasources.default.password", String.class)).contains("tracktion");
        assertThat(env.getProperty("kafka.bootstrap.servers", String.class)).contains("localhost:9092");
        assertThat(env.getProperty("micronaut.server.port", Integer.class)).contains(8083);
        assertThat(env.getProperty("loader.retry-delay", Duration.class)).contains(Duration.ofSeconds(5));
        assertThat(env.getProperty("loader.sales-consumers", Integer.class)).contains(3);
        assertThat(env.getProperty("endpoints.health.sensitive", Boolean.class)).contains(false);
        assertThat(env.getProperty("flyway.datasources.default.locations", String.class)).contains("classpath:db/migration");
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        Environment env = environment(Map.of(
                "DB_HOST", "db.internal", "DB_PORT", "6543", "DB_NAME", "sales", "DB_USER", "loader",
                "DB_PASSWORD", "s3cret:with:colons", "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "LOADER_PORT", "18083", "LOADER_RETRY_DELAY", "250ms", "LOADER_SALES_CONSUMERS", "1"));

        assertThat(env.getProperty("datasources.default.url", String.class))
                .contains("jdbc:postgresql://db.internal:6543/sales");
        assertThat(env.getProperty("datasources.default.username", String.class)).contains("loader");
        assertThat(env.getProperty("datasources.default.password", String.class)).contains("s3cret:with:colons");
        assertThat(env.getProperty("kafka.bootstrap.servers", String.class)).contains("k1:9092,k2:9092");
        assertThat(env.getProperty("micronaut.server.port", Integer.class)).contains(18083);
        assertThat(env.getProperty("loader.retry-delay", Duration.class)).contains(Duration.ofMillis(250));
        assertThat(env.getProperty("loader.sales-consumers", Integer.class)).contains(1);
    }

    /** The loader's configuration as it resolves with these variables set; no bean is created. */
    private static Environment environment(Map<String, Object> variables) {
        return ApplicationContext.builder()
                .propertySources(PropertySource.of("variables", variables))
                .build()
                .getEnvironment()
                .start();
    }
}
