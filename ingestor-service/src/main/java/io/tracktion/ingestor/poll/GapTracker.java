package io.tracktion.ingestor.poll;

import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.schemas.FeedGap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gaps in the feed: a window served for {@code start_date=S} that starts after S leaves [S, start) unserved.
 * Each gap is recorded when found; the poller asks for its start again a few times, a poll interval apart, and a window
 * that now starts at or before it closes the gap (its items are published, its record says closed). A gap still
 * open after that stays open in the topic. Open gaps are remembered in memory only: after a restart they are not
 * asked for again (backfill can).
 */
final class GapTracker {

    static final String STARTED_LATE = "window-started-late";
    static final int ATTEMPTS = 3;

    private final String feedBaseUrl;
    private final Duration retryEvery;
    private final List<Open> open = new ArrayList<>();

    /** A gap not closed yet, and when to ask for its start again. */
    static final class Open {
        private final FeedGap gap;
        private int attempts;
        private Instant nextTry;

        private Open(FeedGap gap, Instant nextTry) {
            this.gap = gap;
            this.nextTry = nextTry;
        }

        FeedGap gap() {
            return gap;
        }
    }

    GapTracker(String feedBaseUrl, Duration retryEvery) {
        this.feedBaseUrl = feedBaseUrl;
        this.retryEvery = retryEvery;
    }

    /** The gap a window served for {@code askedStart} leaves, if it starts later than asked. */
    Optional<FeedGap> detect(Long askedStart, FeedWindow window, Instant now) {
        if (askedStart == null || window.startDate() == null || window.startDate() <= askedStart) {
            return Optional.empty();
        }
        return Optional.of(new FeedGap(feedBaseUrl, askedStart, window.startDate(), now, STARTED_LATE, false, null));
    }

    /** Remembers a gap just recorded, to ask for it again. */
    void opened(FeedGap gap, Instant now) {
        open.add(new Open(gap, now.plus(retryEvery)));
    }

    /** The open gap whose start is due to be asked for again. */
    Optional<Open> due(Instant now) {
        return open.stream().filter(gap -> !now.isBefore(gap.nextTry)).findFirst();
    }

    /** Whether {@code window}, served for the gap's start, fills it. */
    static boolean fills(Open gap, FeedWindow window) {
        return window.startDate() != null && window.endDate() != null && window.startDate() <= gap.gap.getFromDate();
    }

    /** The record of the gap closed now; it is forgotten. */
    FeedGap closed(Open gap, Instant now) {
        open.remove(gap);
        FeedGap closed = FeedGap.newBuilder(gap.gap).setClosed(true).setClosedAt(now).build();
        return closed;
    }

    /** Asked again and still not served: try later, or give up after {@link #ATTEMPTS}. */
    void stillOpen(Open gap, Instant now) {
        gap.attempts++;
        gap.nextTry = now.plus(retryEvery);
        if (gap.attempts >= ATTEMPTS) {
            open.remove(gap);
        }
    }

    int openCount() {
        return open.size();
    }
}
