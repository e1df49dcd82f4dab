package io.tracktion.transformer.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** The application boots against a real broker and reports Kafka Streams' state on /health. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class TransformerApplicationTest implements TestPropertyProvider {

    private static final KafkaCluster KAFKA = new KafkaCluster();

    @Inject
    ApplicationContext context;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            KAFKA.start();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start", e);
        }
        String run = UUID.randomUUID().toString();
        return Map.of(
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "schema-registry.url", SchemaRegistry.url(),
                "transformer.application-id", "transformer-app-test-" + run,
                "transformer.state-dir", Path.of("target", "streams-state", run).toAbsolutePath().toString(),
                "micronaut.server.port", "-1");
    }

    @AfterAll
    void stopEverything() throws Exception {
        context.close(); // before Kafka, or Streams would retry against a dead broker
        KAFKA.stop();
    }

    @Test
    @Order(1)
    void healthIsUpOnceStreamsRuns() {
        // 503 (an exception here) while Streams starts; REBALANCING is already UP, so wait for RUNNING.
        HttpResponse<String> health = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> http.toBlocking().exchange("/health", String.class),
                        response -> response.body().contains("\"streamsState\":\"RUNNING\""));

        assertThat(health.code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    @Order(2)
    void healthIsDownOnceStreamsHasStopped() {
        context.getBean(TransformerStreams.class).close();

        assertThatThrownBy(() -> http.toBlocking().exchange("/health", String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
                    assertThat(e.getResponse().getBody(String.class)).get().asString()
                            .contains("\"status\":\"DOWN\"", "\"streamsState\":\"NOT_RUNNING\"");
                });
    }
}
