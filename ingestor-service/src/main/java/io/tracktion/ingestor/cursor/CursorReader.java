package io.tracktion.ingestor.cursor;

import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.UnknownSchemaIdException;
import io.tracktion.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the last committed {@link FeedCursor} of a feed: reads the whole cursor topic, committed records
 * only, from the beginning to the end offsets taken at the start (the topic is compacted, so it is small).
 */
public final class CursorReader {

    private static final Logger LOG = LoggerFactory.getLogger(CursorReader.class);
    private static final String TOPIC = Topics.FEED_CURSOR.name();

    private final String bootstrapServers;
    private final Duration timeout;
    private final RegistryAvroSerde<FeedCursor> cursors;

    public CursorReader(String bootstrapServers, Duration timeout, SchemaRegistryConfig registry) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.cursors = RegistryAvroSerde.feedCursor(registry);
    }

    /** The last cursor committed for {@code feedBaseUrl}; empty if there is none (or it was deleted). */
    public Optional<FeedCursor> lastCursor(String feedBaseUrl) {
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new KafkaException("Topic " + TOPIC + " does not exist; create the product topics first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed these are the last stable offsets: no open transaction is waited for.
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, timeout);
            FeedCursor last = null;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, endOffsets)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Reading " + TOPIC + " to its end took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (feedBaseUrl.equals(record.key())) {
                        last = decodeOr(last, record);
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    /**
     * A tombstone deletes the cursor; a record that cannot be decoded is reported and passed over. A registry that
     * cannot be asked, or lacks the cursor's schema id, is not a bad record: the read fails, to be tried again,
     * rather than lose the cursor.
     */
    private FeedCursor decodeOr(FeedCursor previous, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return cursors.deserialize(TOPIC, record.value());
        } catch (UnknownSchemaIdException e) {
            // Our own cursor with an id the registry lacks: the wrong or an emptied registry, not a bad record.
            // Passing it over would resume from an older window, or from the start.
            throw new KafkaException("Cursor record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " cannot be read: " + e.getMessage(), e);
        } catch (SerializationException e) {
            LOG.warn("Cursor record {}-{}@{} cannot be decoded, keeping the one before it: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return previous;
        }
    }

    private boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
    }

    private Properties consumerConfig() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracktion-ingestor-cursor-reader");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return props;
    }
}
