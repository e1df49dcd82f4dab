package io.tracktion.ingestor.feed;

import java.util.List;

/**
 * One feed event: a checkout cart.
 *
 * @param eventId   its deterministic id (see {@link SaleIds})
 * @param eventType {@code event_type} as received; only "sale" has been observed, null when absent
 * @param utcDate   {@code utc_date}, the JSON number's text as received; null when absent
 * @param items     the sold items in feed order
 */
public record FeedEvent(String eventId, String eventType, String utcDate, List<FeedItem> items) {

    public static final String SALE = "sale";

    public FeedEvent {
        items = List.copyOf(items);
    }

    public boolean isSale() {
        return SALE.equals(eventType);
    }
}
