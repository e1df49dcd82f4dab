package io.tracktion.ingestor.publish;

import io.tracktion.ingestor.feed.FeedEvent;
import io.tracktion.ingestor.feed.FeedItem;
import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseUrls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one feed window produces, written in one transaction: all of it, or none.
 *
 * @param sales        the window's items, to {@code bandcamp.sales.raw}
 * @param cursor       the next cursor, or null when it does not move
 * @param newReleases  pending records of the releases first named here, to {@code bandcamp.releases}
 * @param unreadable   the events that could not be read, to {@code bandcamp.salesfeed.dlq}
 * @param gaps         gaps found or closed by this window, to {@code bandcamp.salesfeed.gaps}
 * @param received     the window's coverage record, to {@code bandcamp.salesfeed.windows}
 */
public record WindowRecords(List<RawSale> sales, FeedCursor cursor, List<Release> newReleases,
                            List<UnreadableEvent> unreadable, List<FeedGap> gaps, FeedWindowReceived received) {

    public WindowRecords {
        sales = List.copyOf(sales);
        newReleases = List.copyOf(newReleases);
        unreadable = List.copyOf(unreadable);
        gaps = List.copyOf(gaps);
    }

    /** The events of a window that could not be read, each with the window's coordinates. */
    public static List<UnreadableEvent> unreadableEvents(FeedWindow window, String feedBaseUrl) {
        List<UnreadableEvent> events = new ArrayList<>();
        for (int i = 0; i < window.unreadableEvents().size(); i++) {
            events.add(new UnreadableEvent(window.unreadableEvents().get(i), feedBaseUrl, window.startDate(),
                    window.endDate(), i, "event is not a JSON object, or its items are not a list"));
        }
        return events;
    }

    /** The canonical release URLs the window's items name, in order, each once. */
    public static List<String> releaseUrls(FeedWindow window) {
        Set<String> urls = new LinkedHashSet<>();
        for (FeedEvent event : window.events()) {
            for (FeedItem item : event.items()) {
                ReleaseUrls.release(item.url()).ifPresent(urls::add);
            }
        }
        return List.copyOf(urls);
    }

    /** The coverage record of a window served for {@code asked} (null: get_initial). */
    public static FeedWindowReceived received(FeedWindow window, String feedBaseUrl, Long asked, Instant receivedAt,
                                              int items, int unreadable, boolean backfill) {
        long start = window.startDate() != null ? window.startDate() : asked != null ? asked : window.endDate();
        return FeedWindowReceived.newBuilder().setFeedBaseUrl(feedBaseUrl).setRequestedStart(asked)
                .setStartDate(start).setEndDate(window.endDate()).setServerTime(window.serverTime())
                .setReceivedAt(receivedAt).setEvents(window.events().size() + unreadable)
                .setOtherEvents(window.otherEventCount()).setItems(items).setUnreadableEvents(unreadable)
                .setBackfill(backfill).build();
    }

    /** Just sales and a cursor (tests of the feed alone). */
    public static WindowRecords of(List<RawSale> sales, FeedCursor cursor) {
        return new WindowRecords(sales, cursor, List.of(), List.of(), List.of(), null);
    }

    /**
     * A feed event the ingestor could not read, verbatim, with where it came from.
     *
     * @param json        the event's JSON text exactly as served
     * @param feedBaseUrl the feed
     * @param windowStart the window's start_date, or null
     * @param windowEnd   the window's end_date, or null
     * @param index       its position among the window's events
     * @param reason      why it could not be read
     */
    public record UnreadableEvent(String json, String feedBaseUrl, Long windowStart, Long windowEnd, int index,
                                  String reason) {
    }
}
