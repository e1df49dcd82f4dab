package io.tracktion.ingestor.testing;

import static org.awaitility.Awaitility.await;

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
import org.awaitility.core.ConditionTimeoutException;

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

    /**
     * The last stable offsets, once they have caught up with the high watermarks (for up to 10 s): commitTransaction
     * returns before the commit markers are in the partitions, so a read right after it could miss what it wrote.
     */
    private static Map<TopicPartition, Long> stableEnd(KafkaCluster kafka, KafkaConsumer<String, byte[]> committed,
                                                       List<TopicPartition> partitions) {
        Map<TopicPartition, Long> highWatermarks;
        Properties props = kafka.consumerProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<String, byte[]> any = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            highWatermarks = any.endOffsets(partitions);
        }
        Map<TopicPartition, Long> stable = new java.util.HashMap<>();
        try {
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
                stable.putAll(committed.endOffsets(partitions));
                return partitions.stream().allMatch(p -> stable.get(p) >= highWatermarks.get(p));
            });
        } catch (ConditionTimeoutException e) {
            // A transaction still open (a test's zombie producer): read up to where it is stable.
        }
        return stable;
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
            Map<TopicPartition, Long> end = stableEnd(kafka, consumer, partitions);
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
