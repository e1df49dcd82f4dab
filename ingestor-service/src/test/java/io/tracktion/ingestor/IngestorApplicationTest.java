package io.tracktion.ingestor;

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
import io.tracktion.ingestor.poll.FeedPollingLoop;
import io.tracktion.ingestor.testing.FeedJson;
import io.tracktion.ingestor.testing.KafkaTopics;
import io.tracktion.ingestor.testing.ScriptedFeedServer;
import io.tracktion.ingestor.testing.ScriptedFeedServer.Response;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** The whole application against a real broker and a scripted feed. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngestorApplicationTest implements TestPropertyProvider {

    private static final KafkaCluster KAFKA = new KafkaCluster();
    private ScriptedFeedServer feed;

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
        feed = ScriptedFeedServer.inOrder(Response.json(FeedJson.sample("empty-window.json")),
                Response.json(FeedJson.sample("get-initial.json")));
        return Map.of(
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "schema-registry.url", SchemaRegistry.url(),
                "bandcamp.base-url", feed.baseUrl(),
                "bandcamp.poll-interval", "1h",
                "micronaut.server.port", "-1");
    }

    @AfterAll
    void stopEverything() throws Exception {
        context.close(); // before Kafka, or its clients would retry against a dead broker
        feed.close();
        KAFKA.stop();
    }

    @Test
    @Order(1)
    void publishesTheFeedAndReportsUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> KafkaTopics.rawSales(KAFKA, feed.baseUrl()).size() == 6);
        assertThat(KafkaTopics.cursorHistory(KAFKA, feed.baseUrl())).containsExactly(1750000620L);

        HttpResponse<String> health = http.toBlocking().exchange("/health", String.class);
        assertThat(health.code()).isEqualTo(HttpStatus.OK.getCode());
        String healthBody = health.body();
        assertThat(healthBody).contains("\"status\":\"UP\"", "\"pollerRunning\":true", "\"kafkaReachable\":true");
        // Politeness towards Bandcamp shows too: open circuits, a Retry-After pause, and the release cache.
        assertThat(healthBody).contains("\"bandcamp\":{\"circuitOpen\":false", "\"pausedForRetryAfterMs\":0",
                "\"releaseCache\":");

        HttpResponse<String> metrics = http.toBlocking().exchange("/metrics", String.class);
        assertThat(metrics.getContentType().map(Object::toString)).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("tracktion_feed_windows_total 1.0", "tracktion_feed_items_total 6.0",
                "tracktion_feed_lag_seconds", "tracktion_release_fetches_total{outcome=\"known\"}",
                "tracktion_bandcamp_requests_total");

        String status = http.toBlocking().retrieve("/feed/status", String.class);
        assertThat(status).contains("\"cursorEndDate\":1750000620", "\"itemsPublished\":6", "\"windowsRead\":1",
                "\"consecutiveFailures\":0", "\"feedBaseUrl\":\"" + feed.baseUrl() + "\"");
        assertThat(feed.requests()).hasSize(1);
    }

    @Test
    @Order(2)
    void reportsDownOnceThePollerHasStopped() {
        context.getBean(FeedPollingLoop.class).close();

        assertThatThrownBy(() -> http.toBlocking().exchange("/health", String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
                    assertThat(e.getResponse().getBody(String.class)).get().asString()
                            .contains("\"status\":\"DOWN\"", "\"pollerRunning\":false");
                });
    }
}
