package io.tracktion.transformer.stats;

import io.tracktion.transformer.codec.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * One cart's items within one UTC day, per entity and minute: what a window needs to count its distinct carts.
 *
 * <p>Why per cart and day: every window (minute, hour, day) lies within one UTC day, so a cart's items of one day
 * answer for all the windows they count in. One entry per cart is read and written per sale, where an entry per
 * window and cart was some 36 (a dozen entities, three intervals), each its own store write and changelog record.
 */
final class CartItems {

    /** Entity key → minute start → the cart's items in that minute (never zero: emptied entries are removed). */
    private final Map<String, TreeMap<Long, Integer>> items = new HashMap<>();

    /**
     * Adds {@code sign} items of {@code entity} at {@code timeMillis} and returns, per {@link Interval} (by ordinal),
     * the change in the distinct carts of the entity's window: +1 when the cart's first item of that window arrives,
     * -1 when its last one is taken away, else 0.
     */
    int[] add(String entity, long timeMillis, int sign) {
        TreeMap<Long, Integer> minutes = items.computeIfAbsent(entity, e -> new TreeMap<>());
        long[] before = counts(minutes, timeMillis);
        long minute = Interval.MINUTE.startOf(timeMillis);
        int now = minutes.getOrDefault(minute, 0) + sign;
        if (now == 0) {
            minutes.remove(minute);
        } else {
            minutes.put(minute, now);
        }
        long[] after = counts(minutes, timeMillis);
        if (minutes.isEmpty()) {
            items.remove(entity);
        }
        int[] changes = new int[Interval.values().length];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = (after[i] > 0 ? 1 : 0) - (before[i] > 0 ? 1 : 0);
        }
        return changes;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** The cart's items of an entity in the minute, hour and day windows holding {@code timeMillis}. */
    private static long[] counts(TreeMap<Long, Integer> minutes, long timeMillis) {
        long[] counts = new long[Interval.values().length];
        long hour = Interval.HOUR.startOf(timeMillis);
        counts[Interval.MINUTE.ordinal()] = minutes.getOrDefault(Interval.MINUTE.startOf(timeMillis), 0);
        for (int items : minutes.subMap(hour, hour + Interval.HOUR.sizeMillis()).values()) {
            counts[Interval.HOUR.ordinal()] += items;
        }
        for (int items : minutes.values()) {
            counts[Interval.DAY.ordinal()] += items; // the entry holds one day only
        }
        return counts;
    }

    private static final int FORMAT = 1;

    static final Serde<CartItems> SERDE = BinaryCodec.serde(FORMAT, CartItems::write, CartItems::read);

    private static void write(DataOutputStream out, CartItems cart) throws IOException {
        out.writeShort(cart.items.size());
        for (Map.Entry<String, TreeMap<Long, Integer>> entity : cart.items.entrySet()) {
            out.writeUTF(entity.getKey());
            out.writeShort(entity.getValue().size());
            for (Map.Entry<Long, Integer> minute : entity.getValue().entrySet()) {
                out.writeLong(minute.getKey());
                out.writeInt(minute.getValue());
            }
        }
    }

    private static CartItems read(DataInputStream in) throws IOException {
        CartItems cart = new CartItems();
        int entities = in.readUnsignedShort();
        for (int e = 0; e < entities; e++) {
            String entity = in.readUTF();
            int count = in.readUnsignedShort();
            TreeMap<Long, Integer> minutes = new TreeMap<>();
            for (int m = 0; m < count; m++) {
                minutes.put(in.readLong(), in.readInt());
            }
            cart.items.put(entity, minutes);
        }
        return cart;
    }
}
