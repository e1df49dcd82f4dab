package io.tracktion.ingestor.feed;

import java.util.List;

/**
 * One answer of the sales feed: a time window of carts, or an empty answer ({@code {"server_time": N}})
 * when the window is quiet or not published yet.
 *
 * @param startDate        {@code start_date}, epoch seconds; null when absent
 * @param endDate          {@code end_date}, epoch seconds: the next cursor; null for an empty answer
 * @param dataDelaySec     {@code data_delay_sec}: the newest seconds the feed does not have complete yet
 * @param serverTime       {@code server_time}, epoch seconds
 * @param events           the carts in feed order
 * @param unreadableEvents verbatim text of events that are not objects or whose items are not a list
 */
public record FeedWindow(Long startDate, Long endDate, Integer dataDelaySec, Long serverTime,
                         List<FeedEvent> events, List<String> unreadableEvents) {

    public FeedWindow {
        events = List.copyOf(events);
        unreadableEvents = List.copyOf(unreadableEvents);
    }

    /** True for a quiet or future window: no {@code end_date}, so the cursor cannot move. */
    public boolean isEmpty() {
        return endDate == null;
    }

    public int itemCount() {
        return events.stream().mapToInt(event -> event.items().size()).sum();
    }

    /** Events whose type is not "sale": published anyway (the transformer decides), but counted. */
    public int otherEventCount() {
        return (int) events.stream().filter(event -> !event.isSale()).count();
    }

    /**
     * True when the feed already has complete data well beyond this window: its end lies at least one
     * window length (and at least a minute) before {@code server_time - data_delay_sec}. The next window
     * is then worth fetching at once instead of after the poll interval.
     */
    public boolean isBehindFeed() {
        if (endDate == null || serverTime == null) {
            return false;
        }
        long completeUntil = serverTime - (dataDelaySec == null ? 0 : dataDelaySec);
        long windowLength = startDate == null ? 0 : endDate - startDate;
        return completeUntil - endDate >= Math.max(60, windowLength);
    }
}
