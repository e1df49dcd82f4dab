package io.tracktion.simulator.feed;

import io.tracktion.simulator.faults.Corruption;
import io.tracktion.simulator.sales.Cart;
import io.tracktion.simulator.sales.ItemKey;
import io.tracktion.simulator.sales.SaleItem;
import java.math.BigDecimal;
import java.util.ArrayList;
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
 */
public final class Ledger {

    /** An item that was served with one field damaged; {@code original} is what it should have been. */
    public record CorruptedItem(SaleItem original, Corruption corruption) {
    }

    /** The counts {@code GET /_sim/ledger} reports. */
    public record Totals(long items, long carts, BigDecimal usdTotal, int artists, int countries, long corruptedItems) {
    }

    private final Map<ItemKey, SaleItem> valid = new LinkedHashMap<>();
    private final Map<ItemKey, CorruptedItem> corrupted = new LinkedHashMap<>();
    private final Set<ItemKey.CartKey> carts = new HashSet<>();
    private final Set<String> artists = new HashSet<>();
    private final Set<String> countries = new TreeSet<>();
    private BigDecimal usdTotal = BigDecimal.ZERO.setScale(2);

    synchronized void record(List<Cart> served, ItemKey damagedItem, Corruption corruption) {
        for (Cart cart : served) {
            for (SaleItem item : cart.items()) {
                if (item.key().equals(damagedItem)) {
                    corrupted.putIfAbsent(item.key(), new CorruptedItem(item, corruption));
                } else if (valid.putIfAbsent(item.key(), item) == null) {
                    carts.add(cart.key());
                    artists.add(item.artistName());
                    countries.add(item.countryCode());
                    usdTotal = usdTotal.add(item.usdCents());
                }
            }
        }
    }

    /** Distinct valid items served. */
    public synchronized long items() {
        return valid.size();
    }

    /** Distinct carts with at least one valid item served. */
    public synchronized long carts() {
        return carts.size();
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

    /** Valid items, in the order first served. */
    public synchronized List<SaleItem> servedItems() {
        return new ArrayList<>(valid.values());
    }

    /** Items served damaged, in the order served. */
    public synchronized List<CorruptedItem> corruptedItems() {
        return new ArrayList<>(corrupted.values());
    }

    public synchronized Totals totals() {
        return new Totals(valid.size(), carts.size(), usdTotal, artists.size(), countries.size(), corrupted.size());
    }
}
