package io.tracktion.alerts.matching;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A poll that failed whole (database away, registry away): rewound, so its listener's retry reads it all again. */
final class Rewind {

    private static final Logger LOG = LoggerFactory.getLogger(Rewind.class);

    private Rewind() {
    }

    static IllegalStateException batch(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer, String what,
                                       Exception error) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
        LOG.warn("{} {} records not turned into alerts, offsets not stored; retrying: {}", records.count(), what,
                error.toString());
        return new IllegalStateException(what + " not processed: " + error.getMessage(), error);
    }
}
