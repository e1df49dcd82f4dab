package io.tracktion.alerts.matching;

import io.micronaut.configuration.kafka.seek.KafkaSeekOperation;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.tracktion.alerts.db.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers' offsets, kept in PostgreSQL (table alerts.consumer_offset) and written in the transaction that
 * writes the alerts of their records, as the loader keeps its own: a crash at any instant leaves alerts and offsets
 * together, and a record is turned into alerts once. Kafka's committed offsets only show progress to tools.
 */
@Singleton
public class ConsumerOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerOffsets.class);
    private static final String SELECT = "SELECT partition, next_offset FROM alerts.consumer_offset "
            + "WHERE topic = ? AND partition = ANY (?)";

    private final Jdbc jdbc;

    public ConsumerOffsets(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Seeks newly assigned partitions to their stored offsets, and those without one to their beginning. When the
     * database cannot be asked, to the beginning too: {@link #unread} then keeps out what was already read.
     */
    public void seek(Collection<TopicPartition> partitions, KafkaSeeker seeker) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored;
        try (Connection connection = jdbc.dataSource().getConnection()) {
            stored = select(connection, partitions, false);
        } catch (SQLException e) {
            LOG.warn("Cannot read the stored offsets of {}; reading from the beginning, and records already turned "
                    + "into alerts are skipped: {}", partitions, e.toString());
            stored = Map.of();
        }
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            seeker.perform(next == null ? KafkaSeekOperation.seekToBeginning(partition)
                    : KafkaSeekOperation.seek(partition, next));
        }
    }

    /** Locks the batch's partitions' offsets until the transaction ends; returns the records at or after them. */
    public static <K, V> List<ConsumerRecord<K, V>> unread(Connection connection, ConsumerRecords<K, V> records)
            throws SQLException {
        Map<TopicPartition, Long> stored = select(connection, records.partitions(), true);
        List<ConsumerRecord<K, V>> unread = new ArrayList<>(records.count());
        for (ConsumerRecord<K, V> record : records) {
            Long next = stored.get(new TopicPartition(record.topic(), record.partition()));
            if (next == null || record.offset() >= next) {
                unread.add(record);
            }
        }
        return unread;
    }

    /** Stores, for each partition of the batch, the offset after its last record. */
    public static void advance(Connection connection, ConsumerRecords<?, ?> records) throws SQLException {
        try (PreparedStatement store = connection.prepareStatement("INSERT INTO alerts.consumer_offset "
                + "(topic, partition, next_offset) VALUES (?, ?, ?) ON CONFLICT (topic, partition) "
                + "DO UPDATE SET next_offset = greatest(alerts.consumer_offset.next_offset, excluded.next_offset)")) {
            for (TopicPartition partition : records.partitions()) {
                var inPartition = records.records(partition);
                store.setString(1, partition.topic());
                store.setInt(2, partition.partition());
                store.setLong(3, inPartition.get(inPartition.size() - 1).offset() + 1);
                store.addBatch();
            }
            store.executeBatch();
        }
    }

    private static Map<TopicPartition, Long> select(Connection connection, Collection<TopicPartition> partitions,
                                                    boolean lock) throws SQLException {
        Map<String, List<Integer>> byTopic = new HashMap<>();
        partitions.forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p.partition()));
        Map<TopicPartition, Long> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT + (lock ? " FOR UPDATE" : ""))) {
            for (Map.Entry<String, List<Integer>> topic : byTopic.entrySet()) {
                select.setString(1, topic.getKey());
                select.setArray(2, connection.createArrayOf("integer", topic.getValue().toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(new TopicPartition(topic.getKey(), rows.getInt(1)), rows.getLong(2));
                    }
                }
            }
        }
        return found;
    }
}
