package io.tracktion.ingestor.testing;

import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the ingestor committed: every committed record up to the current end, no waiting for quiet. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** The committed raw sales of one feed, in offset order per partition. */
    public static List<RawSale> rawSales(KafkaCluster kafka, String feedBaseUrl) {
        RegistryAvroSerde<RawSale> serde = RegistryAvroSerde.rawSale(SchemaRegistry.shared());
        return readToEnd(kafka, Topics.RAW_SALES.name()).stream()
                .map(record -> serde.deserialize(record.topic(), record.value()))
                .filter(sale -> sale.getFeedBaseUrl().equals(feedBaseUrl))
                .toList();
    }

    /** Every committed cursor record of one feed, in order. */
    public static List<Long> cursorHistory(KafkaCluster kafka, String feedBaseUrl) {
        RegistryAvroSerde<FeedCursor> serde = RegistryAvroSerde.feedCursor(SchemaRegistry.shared());
        return readToEnd(kafka, Topics.FEED_CURSOR.name()).stream()
                .filter(record -> feedBaseUrl.equals(record.key()))
                .map(record -> serde.deserialize(record.topic(), record.value()).getEndDate())
                .toList();
    }

    public static List<ConsumerRecord<String, byte[]>> readToEnd(KafkaCluster kafka, String topic) {
        Properties props = kafka.consumerProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        records.sort(Comparator.comparingInt(ConsumerRecord<String, byte[]>::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }
}
