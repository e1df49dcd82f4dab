package io.tracktion.ingestor.cursor;

import io.tracktion.ingestor.kafka.TopicReader;
import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.UnknownSchemaIdException;
import io.tracktion.schemas.Topics;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the last committed {@link FeedCursor} of a feed: reads the whole cursor topic (compacted, so small)
 * with a {@link TopicReader}.
 */
public final class CursorReader {

    private static final Logger LOG = LoggerFactory.getLogger(CursorReader.class);
    private static final String TOPIC = Topics.FEED_CURSOR.name();

    private final TopicReader topics;
    private final Duration timeout;
    private final RegistryAvroSerde<FeedCursor> cursors;

    public CursorReader(String bootstrapServers, Duration timeout, SchemaRegistryConfig registry) {
        this.topics = new TopicReader(bootstrapServers, "tracktion-ingestor-cursor-reader");
        this.timeout = timeout;
        this.cursors = RegistryAvroSerde.feedCursor(registry);
    }

    /** The last cursor committed for {@code feedBaseUrl}; empty if there is none (or it was deleted). */
    public Optional<FeedCursor> lastCursor(String feedBaseUrl) {
        FeedCursor[] last = {null};
        topics.readToEnd(TOPIC, timeout, record -> {
            if (feedBaseUrl.equals(record.key())) {
                last[0] = decodeOr(last[0], record);
            }
        });
        return Optional.ofNullable(last[0]);
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
}
