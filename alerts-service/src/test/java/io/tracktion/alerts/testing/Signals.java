package io.tracktion.alerts.testing;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Signals as the transformer writes them to tracktion.signals (registry's wire format, timestamped when written). */
public final class Signals {

    private Signals() {
    }

    public static Signal spike(String artistId, String name, Instant at, String observed, String expected, double p) {
        return Signal.newBuilder().setId(EntityIds.signal("spike", "artist", artistId, at.toString()))
                .setKind("spike").setDimension("artist").setEntityId(artistId).setEntityName(name).setAt(at)
                .setObserved(decimal(observed)).setExpected(decimal(expected)).setProbability(p)
                .setThreshold(decimal("0.001")).setMetric("units").setWindow("1h").build();
    }

    public static Signal milestone(String dimension, String id, String name, Instant at, String step, String total) {
        return Signal.newBuilder().setId(EntityIds.signal("milestone", dimension, id, "units:" + step))
                .setKind("milestone").setDimension(dimension).setEntityId(id).setEntityName(name).setAt(at)
                .setThreshold(decimal(step)).setObserved(decimal(total)).setMetric("units").build();
    }

    public static Signal newCountry(String artistId, String name, Instant at, String country, int countries) {
        return Signal.newBuilder().setId(EntityIds.signal("new_country", "artist", artistId, country))
                .setKind("new_country").setDimension("artist").setEntityId(artistId).setEntityName(name).setAt(at)
                .setCountry(country).setObserved(decimal(Integer.toString(countries))).setMetric("countries").build();
    }

    /** Sends the signals, each timestamped now (as the transformer stamps what it writes), and waits for the acks. */
    public static void publish(KafkaCluster kafka, List<Signal> signals) {
        RegistryAvroSerde<Signal> serde = RegistryAvroSerde.signal(SchemaRegistry.shared());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Signal signal : signals) {
                producer.send(new ProducerRecord<>(Topics.SIGNALS_NAME, null, System.currentTimeMillis(), signal.getId(),
                        serde.serialize(Topics.SIGNALS_NAME, signal)));
            }
            producer.flush();
        }
    }

    /** How many records the signals topic holds, all partitions together: where a consumer that read them all is. */
    public static long recordsInTopic(KafkaCluster kafka) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SIGNALS_NAME).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value).setScale(4);
    }
}
