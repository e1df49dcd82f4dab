package io.tracktion.loader.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The loader's consumer offsets, kept in PostgreSQL (table {@code consumer_offset}) and written in the same
 * transaction as the rows they produced: a crash at any instant leaves rows and offsets together, so nothing is
 * lost or written twice.
 *
 * <p>In each batch's transaction, {@link #unwritten} locks the batch's partitions and drops the records below their
 * stored offsets (written already, by this consumer before a crash or by another before a rebalance), and
 * {@link #advance} stores the offsets after the batch. On assignment a consumer seeks to {@link #stored}; where it
 * could not (the database away at that moment), the filter still keeps out what is already in. Kafka's own committed
 * offsets, still committed after the transaction, only show progress and lag to the tools that read them.
 */
public final class DatabaseOffsets {

    private static final String SELECT = """
            SELECT partition, next_offset FROM consumer_offset
            WHERE consumer = ? AND topic = ? AND partition = ANY (?)""";
    private static final String LOCK = SELECT + " FOR UPDATE";
    private static final String STORE = """
            INSERT INTO consumer_offset (consumer, topic, partition, next_offset) VALUES (?, ?, ?, ?)
            ON CONFLICT (consumer, topic, partition)
            DO UPDATE SET next_offset = excluded.next_offset, updated_at = now()""";

    private final DataSource dataSource;

    public DatabaseOffsets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The next offset to read of each of the partitions that has one stored. */
    public Map<TopicPartition, Long> stored(String consumer, Collection<TopicPartition> partitions) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            return select(select, consumer, partitions);
        }
    }

    /**
     * Locks the rows of the batch's partitions until the transaction ends and returns the batch's records at or
     * after their stored offsets, in the batch's order.
     */
    public static <K, V> List<ConsumerRecord<K, V>> unwritten(Connection connection, String consumer,
                                                              ConsumerRecords<K, V> records) throws SQLException {
        Map<TopicPartition, Long> stored;
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            stored = select(lock, consumer, records.partitions());
        }
        List<ConsumerRecord<K, V>> unwritten = new ArrayList<>(records.count());
        for (ConsumerRecord<K, V> record : records) {
            Long next = stored.get(new TopicPartition(record.topic(), record.partition()));
            if (next == null || record.offset() >= next) {
                unwritten.add(record);
            }
        }
        return unwritten;
    }

    /** Stores, for each partition of the batch, the offset after its last record. */
    public static void advance(Connection connection, String consumer, ConsumerRecords<?, ?> records)
            throws SQLException {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            var inPartition = records.records(partition);
            next.put(partition, inPartition.get(inPartition.size() - 1).offset() + 1);
        }
        store(connection, consumer, next);
    }

    /** Stores the next offset to read of each partition. */
    public static void store(Connection connection, String consumer, Map<TopicPartition, Long> next)
            throws SQLException {
        try (PreparedStatement store = connection.prepareStatement(STORE)) {
            for (Map.Entry<TopicPartition, Long> partition : next.entrySet()) {
                store.setString(1, consumer);
                store.setString(2, partition.getKey().topic());
                store.setInt(3, partition.getKey().partition());
                store.setLong(4, partition.getValue());
                store.addBatch();
            }
            store.executeBatch();
        }
    }

    /** The stored offsets of the partitions, asked a topic at a time. */
    private static Map<TopicPartition, Long> select(PreparedStatement select, String consumer,
                                                    Collection<TopicPartition> partitions) throws SQLException {
        Map<String, List<Integer>> byTopic = new HashMap<>();
        partitions.forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p.partition()));
        Map<TopicPartition, Long> found = new HashMap<>();
        for (Map.Entry<String, List<Integer>> topic : byTopic.entrySet()) {
            select.setString(1, consumer);
            select.setString(2, topic.getKey());
            select.setArray(3, select.getConnection().createArrayOf("integer", topic.getValue().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(new TopicPartition(topic.getKey(), rows.getInt(1)), rows.getLong(2));
                }
            }
        }
        return found;
    }
}
