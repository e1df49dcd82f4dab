package io.tracktion.transformer.dedup;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops records whose key was already seen within the retention, as in kafka-streams-examples'
 * DeduplicationExample. The input is keyed and partitioned by that id, so one task sees every copy of it.
 *
 * <p>Each id is remembered in a window store at its record's timestamp (the windows are only a
 * time-indexed set here). A record is a duplicate if its id is stored within {@code retention} either
 * side of its own timestamp; a duplicate refreshes the id's time, so an id that keeps coming back stays
 * remembered. Beyond the retention (measured in stream time) the store has forgotten the id and a copy
 * passes again: downstream, the loader's insert is idempotent on saleId, so such a late copy is harmless.
 */
public final class DeduplicationProcessor<V> implements Processor<String, V, String, V> {

    private final String storeName;
    private final long retentionMs;
    private ProcessorContext<String, V> context;
    private WindowStore<String, Long> seenIds;

    public DeduplicationProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.seenIds = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        String id = record.key();
        if (id == null) {
            context.forward(record); // nothing to deduplicate on; the parser never emits this
            return;
        }
        long time = record.timestamp();
        boolean duplicate = seenBefore(id, time);
        seenIds.put(id, time, time);
        if (!duplicate) {
            context.forward(record);
        }
    }

    private boolean seenBefore(String id, long time) {
        try (WindowStoreIterator<Long> seen = seenIds.fetch(id, time - retentionMs, time + retentionMs)) {
            return seen.hasNext();
        }
    }
}
