package io.tracktion.transformer.streams;

import static io.tracktion.transformer.testing.Samples.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SingleObjectSerde;
import io.tracktion.testsupport.SchemaRegistry;
import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.transformer.testing.Samples;
import io.tracktion.transformer.topology.TransformerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The topology with exactly-once on a real broker: raw records in, each distinct good sale out once. */
@Timeout(120)
class TransformerEndToEndTest {

    private static final String APPLICATION_ID = "transformer-e2e";

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();

    @TempDir
    Path stateDir;

    @Test
    void writesEachDistinctGoodSaleOnceAndTheBadRecordToTheDeadLetterTopic() throws Exception {
        List<RawSale> sales = new ArrayList<>();
        for (int i = 0; i < Samples.items().size(); i++) {
            sales.add(raw("sale-" + i, Samples.items().get(i)).build());
        }
        byte[] garbage = "not a raw sale".getBytes(StandardCharsets.UTF_8);

        var settings = TransformerSettings.of(KAFKA.bootstrapServers(), APPLICATION_ID, stateDir.toString(), 1);
        SchemaRegistryConfig registry = SchemaRegistry.shared();
        try (var streams = new TransformerStreams(TransformerTopology.buildTopology(registry), settings.streamsConfig())) {
            streams.start();
            try (var producer = producer()) {
                RegistryAvroSerde<RawSale> wireFormat = RegistryAvroSerde.rawSale(registry);
                SingleObjectSerde<RawSale> beforeTheRegistry = SingleObjectSerde.rawSale();
                String topic = Topics.RAW_SALES.name();
                // The raw topic is kept forever: its oldest records were written before the registry.
                for (int i = 0; i < sales.size(); i++) {
                    RawSale sale = sales.get(i);
                    byte[] value = i % 2 == 0 ? beforeTheRegistry.encode(sale) : wireFormat.serialize(topic, sale);
                    producer.send(new ProducerRecord<>(topic, sale.getSaleId(), value));
                }
                producer.send(new ProducerRecord<>(topic, "garbage", garbage));
                for (RawSale sale : sales.subList(0, 3)) { // replayed by an ingestor that crashed
                    producer.send(new ProducerRecord<>(topic, sale.getSaleId(), wireFormat.serialize(topic, sale)));
                }
                producer.flush();
            }
            await().atMost(Duration.ofSeconds(60)).until(this::everyRawRecordIsCommitted);
            assertThat(streams.isHealthy()).isTrue();
        }

        var written = KAFKA.readAll(Topics.SALES.name(), Duration.ofSeconds(1), Duration.ofSeconds(20));
        assertThat(written).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(sales.stream().map(RawSale::getSaleId).toList());
        RegistryAvroSerde<io.tracktion.schemas.Sale> saleSerde = RegistryAvroSerde.sale(registry);
        assertThat(written).extracting(r -> saleSerde.deserialize(r.topic(), r.value()).getArtist())
                .contains("Velvet Orrery", "Kitefall");
        assertThat(written).as("every sale in the Confluent wire format, whichever encoding its raw record had")
                .allSatisfy(r -> assertThat(r.value()[0]).isZero());

        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                KAFKA.readAll(Topics.SALES_DEAD_LETTER.name(), Duration.ofSeconds(1), Duration.ofSeconds(20));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
        assertThat(new String(deadLetters.get(0).headers().lastHeader(DeadLetterHeaders.STAGE).value(),
                StandardCharsets.UTF_8)).isEqualTo("transformer-streams/decode");
    }

    /** With exactly-once, input offsets commit in the same transaction as the output they caused. */
    private boolean everyRawRecordIsCommitted() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
            var request = committed.keySet().stream()
                    .filter(tp -> tp.topic().equals(Topics.RAW_SALES.name()))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            if (request.size() != Topics.RAW_SALES.partitions()) {
                return false;
            }
            var ends = admin.listOffsets(request).all().get();
            return request.keySet().stream().allMatch(tp -> committed.get(tp).offset() >= ends.get(tp).offset());
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
