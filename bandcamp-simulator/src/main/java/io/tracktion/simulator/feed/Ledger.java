package io.tracktion.simulator.feed;

import io.tracktion.simulator.faults.Corruption;
import io.tracktion.simulator.sales.Cart;
import io.tracktion.simulator.sales.ItemKey;
import io.tracktion.simulator.sales.SaleItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ground truth for tests: every distinct item the feed has served, in the order first served. An item is
 * recorded when its window is handed to the connection (before the client can read it, so a test that has
 * parsed a response always finds it here). Serving the same window again records nothing new. Items served
 * damaged by a {@link Corruption} are kept apart and are not valid items; if the same item is later served
 * intact, it counts as valid too. Failed responses (429, 500, truncated, HTML) record nothing. Thread-safe.
 *
 * <p>Which items were served is kept as a bit per item per minute, so that load-test rates (a thousand sales a
 * second) fit in a small heap; the items themselves ({@link #servedItems()}) only when built to keep them.
 */
public final class Ledger {

    /** Bits per cart in a minute's bit set: carts hold at most this many items. */
    private static final int ITEMS_PER_CART_BITS = 8;

    /** An item that was served with one field damaged; {@code original} is what it should have been. */
    public record CorruptedItem(SaleItem original, Corruption corruption) {
    }

    /** The counts {@code GET /_sim/ledger} reports. */
    public record Totals(long items, long carts, BigDecimal usdTotal, int artists, int countries, long corruptedItems) {
    }

    private final boolean keepItems;
    private final Map<ItemKey, SaleItem> valid = new LinkedHashMap<>();
    private final Map<ItemKey, CorruptedItem> corrupted = new LinkedHashMap<>();
    /** Per epoch minute: the valid items served (bit cartIndex * 8 + itemIndex) and the carts among them. */
    private final Map<Long, BitSet> servedItems = new HashMap<>();
    private final Map<Long, BitSet> servedCarts = new HashMap<>();
    private long itemCount;
    private long cartCount;
    private final Set<String> artists = new HashSet<>();
    private final Set<String> countries = new TreeSet<>();
    private BigDecimal usdTotal = BigDecimal.ZERO.setScale(2);

    /** A ledger that keeps every item served, for {@link #servedItems()}. */
    public Ledger() {
        this(true);
    }

    /** @param keepItems whether to keep the items themselves, not only which were served (and the totals) */
    public Ledger(boolean keepItems) {
        this.keepItems = keepItems;
    }

    synchronized void record(List<Cart> served, ItemKey damagedItem, Corruption corruption) {
        for (Cart cart : served) {
            record(cart, damagedItem, corruption);
        }
    }

    synchronized void record(Cart cart, ItemKey damagedItem, Corruption corruption) {
        for (SaleItem item : cart.items()) {
            ItemKey key = item.key();
            if (key.equals(damagedItem)) {
                corrupted.putIfAbsent(key, new CorruptedItem(item, corruption));
                continue;
            }
            BitSet items = servedItems.computeIfAbsent(key.epochMinute(), m -> new BitSet());
            int bit = key.cartIndex() * ITEMS_PER_CART_BITS + key.itemIndex();
            if (items.get(bit)) {
                continue;
            }
            items.set(bit);
            itemCount++;
            BitSet carts = servedCarts.computeIfAbsent(key.epochMinute(), m -> new BitSet());
            if (!carts.get(key.cartIndex())) {
                carts.set(key.cartIndex());
                cartCount++;
            }
            if (keepItems) {
                valid.put(key, item);
            }
            artists.add(item.artistName());
            countries.add(item.countryCode());
            usdTotal = usdTotal.add(item.usdCents());
        }
    }

    /** Distinct valid items served. */
    public synchronized long items() {
        return itemCount;
    }

    /** Distinct carts with at least one valid item served. */
    public synchronized long carts() {
        return cartCount;
    }

    /** Sum over valid items of amount_paid_usd rounded HALF_UP to cents. */
    public synchronized BigDecimal usdTotal() {
        return usdTotal;
    }

    /** Distinct artist names among valid items. */
    public synchronized Set<String> artists() {
        return Set.copyOf(artists);
    }

    /** Distinct (lower-case) buyer country codes among valid items. */
    public synchronized Set<String> countries() {
        return Set.copyOf(countries);
    }

    /** Valid items, in the order first served; only for a ledger that keeps them. */
    public synchronized List<SaleItem> servedItems() {
        if (!keepItems) {
            throw new IllegalStateException("this ledger keeps only which items were served, not the items");
        }
        return new ArrayList<>(valid.values());
    }

    /** Items served damaged, in the order served. */
    public synchronized List<CorruptedItem> corruptedItems() {
        return new ArrayList<>(corrupted.values());
    }

    public synchronized Totals totals() {
        return new Totals(itemCount, cartCount, usdTotal, artists.size(), countries.size(), corrupted.size());
    }
}
