package io.tracktion.loader.batch;

import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.SchemaRegistryUnavailableException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/** What every batch listener of the loader does the same way: wait for the registry, and retry a batch whole. */
public final class Batches {

    private Batches() {
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
     * Moves every partition of the batch back to the batch's first record, so nothing of it is skipped.
     * Micronaut's retry does the same, but only for partitions assigned before the poll.
     */
    public static void rewind(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }
}
