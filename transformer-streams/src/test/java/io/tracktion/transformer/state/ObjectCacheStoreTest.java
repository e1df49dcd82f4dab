package io.tracktion.transformer.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write-back cache: what reaches the store below, and when. */
class ObjectCacheStoreTest {

    KeyValueStore<String, Long> below;
    ObjectCacheStore<Long> cache;

    @BeforeEach
    void open() {
        below = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("values"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        cache = new ObjectCacheStore<>(below, 10);
        cache.init(new MockProcessorContext<>().getStateStoreContext(), cache);
    }

    @Test
    void changesReachTheStoreBelowWhenTheCacheIsFlushedBeforeACommit() {
        cache.put("a", 1L);
        cache.put("a", 2L);
        cache.put("b", 3L);
        assertThat(below.get("a")).isNull();
        assertThat(cache.get("a")).isEqualTo(2L);

        cache.flushCache();

        assertThat(below.get("a")).isEqualTo(2L);
        assertThat(below.get("b")).isEqualTo(3L);
    }

    @Test
    void aDeleteReachesTheStoreBelowToo() {
        below.put("a", 1L);
        assertThat(cache.delete("a")).isEqualTo(1L);
        assertThat(cache.get("a")).isNull();
        assertThat(below.get("a")).isEqualTo(1L);
        cache.flushCache();
        assertThat(below.get("a")).isNull();
    }

    @Test
    void rangeScansSeeTheChangesNotWrittenYet() {
        cache.put("k1", 1L);
        cache.put("k2", 2L);
        cache.put("k3", 3L);
        List<KeyValue<String, Long>> found = new ArrayList<>();
        try (KeyValueIterator<String, Long> range = cache.range("k1", "k2")) {
            range.forEachRemaining(found::add);
        }
        assertThat(found).containsExactly(KeyValue.pair("k1", 1L), KeyValue.pair("k2", 2L));
    }

    @Test
    void theLeastRecentlyUsedAreWrittenBackWhenTheCacheIsFull() {
        for (int i = 0; i < 25; i++) {
            cache.put("k" + i, (long) i);
        }
        assertThat(below.get("k0")).as("evicted, so written").isEqualTo(0L);
        for (int i = 0; i < 25; i++) {
            assertThat(cache.get("k" + i)).isEqualTo((long) i);
        }
        cache.flushCache();
        assertThat(below.approximateNumEntries()).isEqualTo(25);
    }

    @Test
    void aTaskClosedDirtyLosesItsUncommittedChanges() {
        below.put("a", 1L);
        cache.put("a", 2L);
        cache.clearCache();
        assertThat(cache.get("a")).isEqualTo(1L);
        cache.flushCache();
        assertThat(below.get("a")).isEqualTo(1L);
    }
}
