package io.tracktion.transformer.streams;

import static io.tracktion.transformer.testing.Samples.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.registry.LocalRegistry;
import io.tracktion.registry.RegistryServer;
import io.tracktion.registry.SchemaRegistrar;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.transformer.testing.Samples;
import io.tracktion.transformer.topology.TransformerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer meets a raw record with a schema id it has not seen while the registry is away: it neither
 * dead-letters it nor stops, but retries until the registry is back, then writes the sale once.
 */
@Timeout(180)
class TransformerRegistryOutageTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    @TempDir
    Path stateDir;

    @Test
    void aRecordWithAnUnseenIdWaitsForTheRegistryAndIsWrittenOnce() throws Exception {
        // Stored in PostgreSQL, as in production: the registry comes back with its schemas and ids.
        var storage = new RegistryServer.PostgresStorage(POSTGRES.jdbcUrl(POSTGRES.newDatabase()), Postgres.USER,
                Postgres.PASSWORD);
        int port = LocalRegistry.freePort();
        LocalRegistry registry = LocalRegistry.startOn(port, storage);
        SchemaRegistryConfig config = new SchemaRegistryConfig(registry.url());
        new SchemaRegistrar(config.confluentApi()).registerAll();
        RawSale sale = raw("outage-1", Samples.items().get(0)).build();
        byte[] value = RegistryAvroSerde.rawSale(config).serialize(Topics.RAW_SALES.name(), sale);

        var settings = TransformerSettings.of(KAFKA.bootstrapServers(), "transformer-outage", stateDir.toString(), 1);
        try (var streams = new TransformerStreams(TransformerTopology.buildTopology(config), settings.streamsConfig())) {
            streams.startWhenReady(SchemaRegistryProbe.forTopics(config, List.of(Topics.RAW_SALES, Topics.SALES)));
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            registry.close();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.RAW_SALES.name(), sale.getSaleId(), value)).get();
            }
            // Long enough for several failed lookups and replaced threads.
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).until(() ->
                    KAFKA.readAll(Topics.SALES.name(), Duration.ofMillis(300), Duration.ofSeconds(2)).isEmpty()
                            && streams.failure().isEmpty());

            try (LocalRegistry back = LocalRegistry.startOn(port, storage)) {
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        !KAFKA.readAll(Topics.SALES.name(), Duration.ofMillis(500), Duration.ofSeconds(5)).isEmpty());
                var written = KAFKA.readAll(Topics.SALES.name(), Duration.ofSeconds(2), Duration.ofSeconds(10));
                assertThat(written).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .containsExactly("outage-1");
                assertThat(KAFKA.readAll(Topics.SALES_DEAD_LETTER.name(), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                        .isEmpty();
                assertThat(streams.failure()).isEmpty();
            }
        }
    }
}
