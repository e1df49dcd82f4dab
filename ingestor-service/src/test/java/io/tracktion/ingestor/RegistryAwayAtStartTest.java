package io.tracktion.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tracktion.ingestor.testing.FeedJson;
import io.tracktion.ingestor.testing.KafkaTopics;
import io.tracktion.ingestor.testing.ScriptedFeedServer;
import io.tracktion.ingestor.testing.ScriptedFeedServer.Response;
import io.tracktion.registry.LocalRegistry;
import io.tracktion.registry.SchemaRegistrar;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingestor started before its schema registry: it neither polls nor crashes, says why in /health, and starts
 * polling once the registry is there with the ingestor's subjects.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryAwayAtStartTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void waitsForTheRegistryThenPolls() throws Exception {
        int registryPort = LocalRegistry.freePort();
        String registryUrl = "http://127.0.0.1:" + registryPort;
        try (var feed = ScriptedFeedServer.inOrder(Response.json(FeedJson.sample("empty-window.json")),
                Response.json(FeedJson.sample("get-initial.json")));
             var ingestor = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                     "schema-registry.url", registryUrl,
                     "bandcamp.base-url", feed.baseUrl(),
                     "bandcamp.poll-interval", "1h",
                     "micronaut.server.port", -1))) {
            URI health = ingestor.getURI().resolve("/health");
            HttpResponse<String> away = http.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(away.statusCode()).isEqualTo(503);
            assertThat(away.body()).contains("\"reachable\":false", registryUrl);
            // A poller that did not wait would have polled at once.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> feed.requests().isEmpty());

            try (LocalRegistry registry = LocalRegistry.startOn(registryPort)) {
                SchemaRegistryConfig config = new SchemaRegistryConfig(registry.url());
                new SchemaRegistrar(config.confluentApi()).registerAll();
                RegistryAvroSerde<RawSale> serde = RegistryAvroSerde.rawSale(config);

                await().atMost(Duration.ofSeconds(60)).until(() -> KafkaTopics.readToEnd(KAFKA, Topics.RAW_SALES.name())
                        .stream().map(r -> serde.deserialize(r.topic(), r.value()))
                        .filter(sale -> sale.getFeedBaseUrl().equals(feed.baseUrl())).count() == 6);
                await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(health).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            }
        }
    }
}
