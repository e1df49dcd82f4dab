package io.tracktion.transformer.state;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Builders of {@link ObjectCacheStore}s over persistent, changelogged key-value stores. */
public final class ObjectCacheStores {

    /**
     * Objects kept per store and task; beyond it the least recently used are written back and dropped. A few hundred
     * bytes each, a dozen stores on each of three partitions: some 100 MB at most.
     */
    public static final int MAX_ENTRIES = 20_000;

    private ObjectCacheStores() {
    }

    public static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> values) {
        return new Builder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values));
    }

    private static final class Builder<V> implements StoreBuilder<KeyValueStore<String, V>> {

        private final StoreBuilder<KeyValueStore<String, V>> inner;

        Builder(StoreBuilder<KeyValueStore<String, V>> inner) {
            this.inner = inner;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            return this; // this is the cache
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new ObjectCacheStore<>(inner.build(), MAX_ENTRIES);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
