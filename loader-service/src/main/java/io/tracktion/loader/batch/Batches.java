package io.tracktion.loader.batch;

import io.micronaut.configuration.kafka.seek.KafkaSeekOperation;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.tracktion.loader.deadletter.DeadLetter;
import io.tracktion.loader.deadletter.DeadLetters;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.SchemaRegistryUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every batch listener of the loader does the same way: wait for the registry, write a batch exactly once, and retry it whole. */
public final class Batches {

    private static final Logger LOG = LoggerFactory.getLogger(Batches.class);

    /** What a listener does with a batch's records inside the transaction. */
    public interface Load {
        /** Decodes and writes the records not written yet; returns the dead letters of those it could not. */
        List<DeadLetter> load(Connection connection, List<ConsumerRecord<byte[], byte[]>> unwritten)
                throws SQLException;
    }

    /**
     * One batch, exactly once: in one transaction, the records past the stored offsets are written, the offsets
     * after the batch stored, and the dead letters sent (before the commit: a crash in between sends them again,
     * each naming its record, and never loses one). Any failure rolls it all back and is thrown.
     */
    public static void loadInTransaction(LoaderDatabase database, String consumer,
                                         ConsumerRecords<byte[], byte[]> records, DeadLetters deadLetters, Load load)
            throws SQLException {
        Transactions.inTransaction(database.dataSource(), connection -> {
            List<ConsumerRecord<byte[], byte[]>> unwritten = DatabaseOffsets.unwritten(connection, consumer, records);
            List<DeadLetter> rejects = load.load(connection, unwritten);
            DatabaseOffsets.advance(connection, consumer, records);
            deadLetters.send(rejects);
        });
    }

    private Batches() {
    }

    /**
     * Seeks each newly assigned partition to the offset the database holds for it, and a partition without one to
     * its beginning: the database, not Kafka's committed offsets, says what is loaded, so a fresh or restored
     * database is filled from everything the topics still hold. If the database cannot be asked now, every partition
     * starts at its beginning as well: {@link DatabaseOffsets#unwritten} then keeps out whatever was already written.
     */
    public static void seekToStored(DatabaseOffsets offsets, String consumer, Collection<TopicPartition> partitions,
                                    KafkaSeeker seeker) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored;
        try {
            stored = offsets.stored(consumer, partitions);
        } catch (SQLException e) {
            LOG.warn("Cannot read the stored offsets of {} for {}; reading them from their beginning, and records "
                    + "already written are skipped when the database answers: {}", consumer, partitions, e.toString());
            stored = Map.of();
        }
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            seeker.perform(next == null ? KafkaSeekOperation.seekToBeginning(partition)
                    : KafkaSeekOperation.seek(partition, next));
        }
    }

    /**
     * Until the registry has been seen with the loader's subjects, an unknown schema id may only mean it is not
     * filled yet: the batch fails, to be tried again, rather than dead-letter good records.
     */
    public static void requireRegistrySeen(SchemaRegistryProbe registryProbe) {
        if (!registryProbe.wasReady()) {
            throw new SchemaRegistryUnavailableException("The schema registry has not been ready since the "
                    + "loader started: " + registryProbe.check().describe(), null);
        }
    }

    /**
     * A batch that failed whole: rewound, logged, and the exception that makes the listener try it again after
     * {@code retryDelay} (its error strategy), committing nothing.
     */
    public static IllegalStateException notLoaded(String what, ConsumerRecords<byte[], byte[]> records,
                                                  Consumer<?, ?> consumer, Duration retryDelay, Exception error) {
        rewind(records, consumer);
        LOG.warn("Batch of {} {} records not loaded, offsets not stored; retrying in {} ms: {}", records.count(), what,
                retryDelay.toMillis(), error.toString());
        return new IllegalStateException(what + " batch not loaded: " + error.getMessage(), error);
    }

    /**
     * Moves every partition of the batch back to the batch's first record, so nothing of it is skipped.
     * Micronaut's retry does the same, but only for partitions assigned before the poll.
     */
    public static void rewind(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }
}
