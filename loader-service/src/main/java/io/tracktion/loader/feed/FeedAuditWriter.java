package io.tracktion.loader.feed;

import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes the feed's audit to tables feed_window and feed_gap, a batch in one transaction. Keyed as the topics
 * are (a window by feed and start, a gap by feed, from and to), so that a window served again, or a gap closed,
 * replaces its row, and a replay changes nothing.
 */
public final class FeedAuditWriter {

    private static final String UPSERT_WINDOW = """
            INSERT INTO feed_window (feed_base_url, start_date, end_date, requested_start, server_time, received_at,
                                     events, other_events, items, unreadable_events, backfill)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (feed_base_url, start_date) DO UPDATE SET end_date = excluded.end_date,
                requested_start = excluded.requested_start, server_time = excluded.server_time,
                received_at = excluded.received_at, events = excluded.events, other_events = excluded.other_events,
                items = excluded.items, unreadable_events = excluded.unreadable_events, backfill = excluded.backfill""";
    private static final String UPSERT_GAP = """
            INSERT INTO feed_gap (feed_base_url, from_date, to_date, detected_at, cause, closed, closed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (feed_base_url, from_date, to_date) DO UPDATE SET
                closed = feed_gap.closed OR excluded.closed, closed_at = coalesce(excluded.closed_at, feed_gap.closed_at)""";

    /** Writes in the caller's transaction. */
    public void write(Connection connection, List<FeedWindowReceived> windows, List<FeedGap> gaps)
            throws SQLException {
        if (windows.isEmpty() && gaps.isEmpty()) {
            return;
        }
        try (PreparedStatement window = connection.prepareStatement(UPSERT_WINDOW);
             PreparedStatement gap = connection.prepareStatement(UPSERT_GAP)) {
            for (FeedWindowReceived w : windows) {
                window.setString(1, w.getFeedBaseUrl());
                window.setObject(2, seconds(w.getStartDate()), Types.TIMESTAMP_WITH_TIMEZONE);
                window.setObject(3, seconds(w.getEndDate()), Types.TIMESTAMP_WITH_TIMEZONE);
                window.setObject(4, seconds(w.getRequestedStart()), Types.TIMESTAMP_WITH_TIMEZONE);
                window.setObject(5, seconds(w.getServerTime()), Types.TIMESTAMP_WITH_TIMEZONE);
                window.setObject(6, w.getReceivedAt().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                window.setInt(7, w.getEvents());
                window.setInt(8, w.getOtherEvents());
                window.setInt(9, w.getItems());
                window.setInt(10, w.getUnreadableEvents());
                window.setBoolean(11, w.getBackfill());
                window.addBatch();
            }
            for (FeedGap g : gaps) {
                gap.setString(1, g.getFeedBaseUrl());
                gap.setObject(2, seconds(g.getFromDate()), Types.TIMESTAMP_WITH_TIMEZONE);
                gap.setObject(3, seconds(g.getToDate()), Types.TIMESTAMP_WITH_TIMEZONE);
                gap.setObject(4, g.getDetectedAt().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                gap.setString(5, g.getCause());
                gap.setBoolean(6, g.getClosed());
                gap.setObject(7, g.getClosedAt() == null ? null : g.getClosedAt().atOffset(ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                gap.addBatch();
            }
            window.executeBatch();
            gap.executeBatch();
        }
    }

    private static OffsetDateTime seconds(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC);
    }
}
