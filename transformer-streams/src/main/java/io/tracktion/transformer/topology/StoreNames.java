package io.tracktion.transformer.topology;

/** Names of the topology's state stores (and so of their changelog topics): changing one loses its state. */
public final class StoreNames {

    /** saleIds seen recently: {@link io.tracktion.transformer.dedup.DeduplicationProcessor}. */
    public static final String SEEN_SALE_IDS = "seen-sale-ids";

    private StoreNames() {
    }
}
