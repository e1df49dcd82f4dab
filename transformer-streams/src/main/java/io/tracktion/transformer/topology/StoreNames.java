package io.tracktion.transformer.topology;

/** Names of the topology's state stores (and so of their changelog topics): changing one loses its state. */
public final class StoreNames {

    /** saleIds seen recently: {@link io.tracktion.transformer.dedup.DeduplicationProcessor}. */
    public static final String SEEN_SALE_IDS = "seen-sale-ids";

    /** Canonical release URL → the attribution its sales get (known, gone or unreadable releases). */
    public static final String KNOWN_RELEASES = "known-releases";
    /** URL + saleId → a sale waiting, at most ENRICH_WAIT, for its release. */
    public static final String SALES_AWAITING_RELEASE = "sales-awaiting-release";
    /** URL + saleId → a sale written as unknown, to be re-attributed when its release becomes known. */
    public static final String SALES_ATTRIBUTED_UNKNOWN = "sales-attributed-unknown";

    /** interval|windowStart|dimension|entity → the window's sums. */
    public static final String STATS_WINDOWS = "stats-windows";
    /** day|cart → the cart's items that day, per entity and minute: to count distinct carts. */
    public static final String STATS_CART_ITEMS = "stats-cart-items";
    /** Per interval, the window starts closed (final written) so far. */
    public static final String STATS_CLOCK = "stats-clock";

    /** dimension|entity → all-time totals, countries, milestones reached and the spike detector's state. */
    public static final String ENTITY_HISTORY = "entity-history";

    /**
     * chart|entity → units and revenue over the last hour and 24 hours and the periods before, and the minute (for
     * 1h) and hour (for 24h) buckets they are made of.
     */
    public static final String CHART_ENTRIES = "chart-entries";
    /** Per chart, the time its periods have been moved up to, and the entities in its top 10. */
    public static final String CHART_CLOCK = "chart-clock";

    private StoreNames() {
    }
}
