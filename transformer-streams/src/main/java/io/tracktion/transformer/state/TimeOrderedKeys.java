package io.tracktion.transformer.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys that begin with a time, zero-padded, so that a store's string order is time order and "everything before"
 * is a range scan: how the stats and chart stores find the windows and buckets to close, move or forget.
 */
public final class TimeOrderedKeys {

    private TimeOrderedKeys() {
    }

    /** 16 digits: milliseconds up to the year 318857, in string order. */
    public static String pad(long millis) {
        String digits = Long.toString(Math.max(0, millis));
        return "0".repeat(16 - digits.length()) + digits;
    }

    /** The entries with keys in [from, to), read out before anything changes the store. */
    public static <V> List<KeyValue<String, V>> between(KeyValueStore<String, V> store, String from, String to) {
        List<KeyValue<String, V>> found = new ArrayList<>();
        try (KeyValueIterator<String, V> entries = store.range(from, to)) {
            entries.forEachRemaining(found::add);
        }
        found.removeIf(entry -> entry.key.compareTo(to) >= 0); // range() includes its upper bound
        return found;
    }

    /** Deletes the entries with keys in [from, to). */
    public static <V> void deleteBetween(KeyValueStore<String, V> store, String from, String to) {
        between(store, from, to).forEach(entry -> store.delete(entry.key));
    }

    /** A clock reading kept in a store, 0 before the first. */
    public static long clockValue(KeyValueStore<String, Long> clock, String key) {
        Long value = clock.get(key);
        return value == null ? 0 : value;
    }
}
