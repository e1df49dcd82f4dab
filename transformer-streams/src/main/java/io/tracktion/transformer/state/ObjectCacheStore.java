package io.tracktion.transformer.state;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A write-back cache of live objects in front of a key-value store (RocksDB with a changelog).
 *
 * <p>Why: every sale reads and writes a few dozen windows, histories and chart entries. Through Kafka Streams' own
 * cache each of those accesses serializes or deserializes the value; here the processors work on objects in a map,
 * and a changed object is serialized once, when the task commits. Before it commits its transaction, Kafka Streams
 * asks every caching store to {@link #flushCache}: the changed objects are then written to the store below (and so
 * to its changelog) inside the same transaction as the task's output and input offsets, so nothing is lost or
 * doubled by a crash. (Its {@code commit} and {@code flush} come after the transaction, too late for the
 * changelog; {@link CachedStateStore} is an internal interface of Kafka Streams, the one its own cache uses.) The
 * store registered by the layers below is this one, as they register the root they are given.
 *
 * <p>Range scans and iterators see the store below, so the changes are written to it first. The cache holds at most
 * {@code maxEntries} objects; the least recently used are written back and dropped beyond that.
 *
 * <p>The objects are the cache's own: a processor that changes one must put it back, as with any store.
 */
public final class ObjectCacheStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {

    /** A cached value; null means deleted. */
    private static final class Slot<V> {
        V value;
        boolean dirty;

        Slot(V value, boolean dirty) {
            this.value = value;
            this.dirty = dirty;
        }
    }

    private final KeyValueStore<String, V> inner;
    private final int maxEntries;
    private final LinkedHashMap<String, Slot<V>> cache;
    /** The keys of changed slots: a write-back visits these, not the whole cache. */
    private final Set<String> dirty = new HashSet<>();

    ObjectCacheStore(KeyValueStore<String, V> inner, int maxEntries) {
        this.inner = inner;
        this.maxEntries = maxEntries;
        this.cache = new LinkedHashMap<>(1024, 0.75f, true);
    }

    @Override
    public V get(String key) {
        Slot<V> slot = cache.get(key);
        if (slot != null) {
            return slot.value;
        }
        V value = inner.get(key);
        remember(key, new Slot<>(value, false));
        return value;
    }

    @Override
    public void put(String key, V value) {
        Slot<V> slot = cache.get(key);
        if (slot == null) {
            remember(key, new Slot<>(value, true));
        } else {
            slot.value = value;
            slot.dirty = true;
        }
        dirty.add(key);
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        V existing = get(key);
        put(key, null);
        return existing;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        writeBack();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        writeBack();
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writeBack();
        return inner.all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        writeBack();
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeBack();
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    /** Writes every changed object to the store below. */
    private void writeBack() {
        for (String key : dirty) {
            Slot<V> slot = cache.get(key);
            if (slot != null && slot.dirty) {
                write(key, slot.value);
                slot.dirty = false;
            }
        }
        dirty.clear();
    }

    private void write(String key, V value) {
        if (value == null) {
            inner.delete(key);
        } else {
            inner.put(key, value);
        }
    }

    private void remember(String key, Slot<V> slot) {
        cache.put(key, slot);
        if (cache.size() > maxEntries) {
            Iterator<Map.Entry<String, Slot<V>>> eldest = cache.entrySet().iterator();
            while (cache.size() > maxEntries * 9L / 10 && eldest.hasNext()) {
                Map.Entry<String, Slot<V>> entry = eldest.next();
                if (entry.getValue().dirty) {
                    write(entry.getKey(), entry.getValue().value);
                    dirty.remove(entry.getKey());
                }
                eldest.remove();
            }
        }
    }

    // ---- the cache, as Kafka Streams' task sees it

    @Override
    public void flushCache() {
        writeBack();
    }

    @Override
    public void clearCache() {
        dirty.clear();
        cache.clear(); // a task closed dirty: its uncommitted changes must go
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false; // nothing listens to this cache
    }

    // ---- the state store: everything else goes to the store below

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        dirty.clear();
        cache.clear();
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        writeBack();
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeBack();
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        dirty.clear();
        cache.clear(); // a clean close comes after a commit; after a crash the changes must go
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        writeBack();
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
