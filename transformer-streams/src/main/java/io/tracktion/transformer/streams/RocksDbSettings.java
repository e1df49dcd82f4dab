package io.tracktion.transformer.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB for many small flushes: with exactly-once, Kafka Streams flushes every store's memtable at each commit
 * (every 200 ms here), so level 0 gains a file per store and commit. RocksDB's defaults slow writes down at 20 such
 * files and stop them at 36, which made the stream thread sleep most of the time; compaction keeps up long before
 * these limits.
 */
public final class RocksDbSettings implements RocksDBConfigSetter {

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setLevel0FileNumCompactionTrigger(8);
        options.setLevel0SlowdownWritesTrigger(1_000);
        options.setLevel0StopWritesTrigger(2_000);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing was allocated
    }
}
