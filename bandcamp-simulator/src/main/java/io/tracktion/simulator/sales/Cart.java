package io.tracktion.simulator.sales;

import java.util.List;

/** One checkout ("sale" event): {@code utcMicros} decides which window it belongs to, {@code utcDate} is its JSON text. */
public record Cart(ItemKey.CartKey key, long utcMicros, String utcDate, List<SaleItem> items) {
}
