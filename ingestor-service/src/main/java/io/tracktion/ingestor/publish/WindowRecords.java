package io.tracktion.ingestor.publish;

import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Release;
import java.util.List;

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
