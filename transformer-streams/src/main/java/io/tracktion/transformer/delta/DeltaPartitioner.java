package io.tracktion.transformer.delta;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Sends a {@link SaleDelta} to the partition its key names ({@code partition|saleId|revision}, see {@link Deltas}). */
public final class DeltaPartitioner implements StreamPartitioner<String, SaleDelta> {

    /** The key of the delta of one sale revision for one partition. */
    public static String key(int partition, String saleId, int revision) {
        return partition + "|" + saleId + "|" + revision;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, SaleDelta value, int numPartitions) {
        // Modulo the actual count: the topology test driver runs every topic with one partition.
        return Optional.of(Set.of(Integer.parseInt(key.substring(0, key.indexOf('|'))) % numPartitions));
    }
}
