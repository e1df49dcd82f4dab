package io.tracktion.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.ApplicationContext;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** application.yml: the documented defaults, and a typo stopping the application at startup. */
class IngestorConfigurationTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        List<String> variables = List.of("BANDCAMP_BASE_URL", "BANDCAMP_POLL_INTERVAL", "BANDCAMP_HTTP_TIMEOUT",
                "KAFKA_BOOTSTRAP_SERVERS", "INGESTOR_PORT", "SCHEMA_REGISTRY_URL");
        assumeTrue(variables.stream().allMatch(name -> System.getenv(name) == null), "settings come from the environment");
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();
            IngestorSettings settings = IngestorSettings.of(
                    environment.getRequiredProperty("bandcamp.base-url", String.class),
                    environment.getRequiredProperty("bandcamp.poll-interval", String.class),
                    environment.getRequiredProperty("bandcamp.http-timeout", String.class),
                    environment.getRequiredProperty("kafka.bootstrap.servers", String.class),
                    environment.getRequiredProperty("schema-registry.url", String.class));

            assertThat(settings).isEqualTo(new IngestorSettings("https://bandcamp.com", Duration.ofSeconds(60),
                    Duration.ofSeconds(20), "localhost:9092", SchemaRegistryConfig.of("http://127.0.0.1:8085")));
            assertThat(environment.getRequiredProperty("micronaut.server.port", Integer.class)).isEqualTo(8081);
            assertThat(environment.getRequiredProperty("endpoints.health.sensitive", Boolean.class)).isFalse();
        }
    }

    @Test
    void aBadPollIntervalStopsTheApplicationWithAClearMessage() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("bandcamp.poll-interval", "every minute")).close())
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BANDCAMP_POLL_INTERVAL must be a positive duration such as 60s, 500ms, 2m, 1h, 7d or PT1M, "
                        + "not 'every minute'");
    }

    @Test
    void aBadBaseUrlStopsTheApplicationWithAClearMessage() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("bandcamp.base-url", "bandcamp.com")).close())
                .rootCause()
                .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                .hasMessageStartingWith("BANDCAMP_BASE_URL must be an http(s) URL");
    }
}
