package io.tracktion.ingestor.poll;

import io.tracktion.ingestor.feed.FeedException;
import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.ingestor.feed.MalformedFeedException;
import io.tracktion.ingestor.feed.RateLimitedException;
import io.tracktion.ingestor.feed.SalesFeed;
import io.tracktion.ingestor.poll.PollResult.Outcome;
import io.tracktion.ingestor.publish.PublishException;
import io.tracktion.ingestor.publish.RawSales;
import io.tracktion.ingestor.publish.WindowRecords;
import io.tracktion.ingestor.publish.WindowRecords.UnreadableEvent;
import io.tracktion.ingestor.publish.WindowSink;
import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the ingestor, with no thread of its own: fetch the window after the cursor, publish its
 * items and the new cursor in one transaction, and say when to come back.
 *
 * <p>The cursor is the {@code end_date} of the last committed window and the next request's
 * {@code start_date}, so windows tile time: no gap, no overlap. It only moves once Kafka has committed
 * the window, never backwards, and never on an empty answer or an error. It is read back from Kafka at
 * the first poll and after every publish failure, so Kafka's committed state is the only truth: a
 * restart resumes exactly there, and a transaction whose commit outcome was unclear is not guessed at.
 * Without a cursor the poller starts at get_initial.
 */
public final class FeedPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
    /** A larger Retry-After is taken as a mistake: waiting more than this would look like an outage. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final String feedBaseUrl;
    private final SalesFeed feed;
    private final WindowSink sink;
    private final Duration interval;
    private final Backoff backoff;
    private final Clock clock;
    private final FeedStatus status;
    private final ReleaseDiscovery releases;
    private final GapTracker gaps;

    private Long cursor;
    private boolean releasesLoaded;
    private boolean cursorKnown;
    private int consecutiveFailures;

    public FeedPoller(String feedBaseUrl, SalesFeed feed, WindowSink sink, Duration interval, Backoff backoff,
                      Clock clock, FeedStatus status) {
        this(feedBaseUrl, feed, sink, interval, backoff, clock, status, ReleaseDiscovery.NONE);
    }

    public FeedPoller(String feedBaseUrl, SalesFeed feed, WindowSink sink, Duration interval, Backoff backoff,
                      Clock clock, FeedStatus status, ReleaseDiscovery releases) {
        this.releases = releases;
        this.gaps = new GapTracker(feedBaseUrl, interval);
        this.feedBaseUrl = feedBaseUrl;
        this.feed = feed;
        this.sink = sink;
        this.interval = interval;
        this.backoff = backoff;
        this.clock = clock;
        this.status = status;
    }

    public PollResult pollOnce() throws InterruptedException {
        status.polled(clock.instant());
        try {
            return poll();
        } catch (RuntimeException e) {
            cursorKnown = false; // whatever state the sink is in, trust only what Kafka committed
            LOG.error("Poll of {} failed unexpectedly", feedBaseUrl, e);
            return failed(Outcome.UNEXPECTED_FAILURE, e.toString(), backoffDelay());
        }
    }

    private PollResult poll() throws InterruptedException {
        if (!cursorKnown) {
            try {
                cursor = sink.committedCursor().map(FeedCursor::getEndDate).orElse(null);
            } catch (PublishException e) {
                return publishFailed(e);
            }
            cursorKnown = true;
            status.cursor(cursor);
            if (cursor == null) {
                LOG.info("No cursor for {} yet: starting from get_initial", feedBaseUrl);
            } else {
                LOG.info("Resuming {} from committed cursor {}", feedBaseUrl, cursor);
            }
        }
        if (!releasesLoaded) {
            try {
                releases.load();
            } catch (PublishException e) {
                return publishFailed(e);
            }
            releasesLoaded = true;
        }
        // An open gap due to be asked for again goes first; then the window after the cursor.
        GapTracker.Open gap = cursor == null ? null : gaps.due(clock.instant()).orElse(null);
        Long asked = gap != null ? Long.valueOf(gap.gap().getFromDate()) : cursor;
        FeedWindow window;
        try {
            window = asked == null ? feed.initial() : feed.after(asked);
        } catch (RateLimitedException e) {
            Duration wait = e.retryAfter().map(retry -> min(retry, MAX_RETRY_AFTER)).orElseGet(this::backoffDelay);
            LOG.warn("{}; cursor stays at {}, retrying in {}", e.getMessage(), cursor, wait);
            return failed(Outcome.RATE_LIMITED, e.getMessage(), wait);
        } catch (MalformedFeedException e) {
            Duration wait = backoffDelay();
            LOG.warn("Unusable feed body ({}); cursor stays at {}, retrying in {}. Body starts: {}",
                    e.getMessage(), cursor, wait, e.snippet());
            return failed(Outcome.FEED_FAILED, e.getMessage() + ": " + e.snippet(), wait);
        } catch (FeedException e) { // FeedUnavailableException: connection, timeout, HTTP error status
            Duration wait = backoffDelay();
            LOG.warn("Feed unavailable: {}; cursor stays at {}, retrying in {}", e.getMessage(), cursor, wait);
            return failed(Outcome.FEED_FAILED, e.getMessage(), wait);
        }
        if (gap != null && !GapTracker.fills(gap, window)) {
            gaps.stillOpen(gap, clock.instant());
            succeeded();
            LOG.info("Gap {}..{} asked for again, still not served (window starts at {})", gap.gap().getFromDate(),
                    gap.gap().getToDate(), window.startDate());
            return new PollResult(Outcome.GAP_STILL_OPEN, Duration.ZERO, cursor, 0);
        }
        return publish(window, asked, gap, clock.instant());
    }

    /**
     * Publishes a window served for {@code asked} (null: get_initial) with everything it produces.
     *
     * @param filling the open gap this window fills, or null
     */
    private PollResult publish(FeedWindow window, Long asked, GapTracker.Open filling, Instant fetchedAt)
            throws InterruptedException {
        List<UnreadableEvent> unreadable = WindowRecords.unreadableEvents(window, feedBaseUrl);
        if (!unreadable.isEmpty()) {
            LOG.warn("Window {}..{} has {} unreadable events, sent to {}; the first: {}", window.startDate(),
                    window.endDate(), unreadable.size(), Topics.FEED_DEAD_LETTER.name(), unreadable.get(0).json());
        }
        if (window.isEmpty()) {
            succeeded();
            LOG.debug("Nothing after cursor {} yet (server_time {})", cursor, window.serverTime());
            return new PollResult(Outcome.EMPTY, interval, cursor, 0);
        }
        List<FeedGap> gapRecords = new ArrayList<>();
        FeedGap found = gaps.detect(asked, window, fetchedAt).orElse(null);
        if (found != null) {
            LOG.warn("Asked for the window starting at {} but got {}..{}: gap {}..{} recorded, publishing the window"
                    + " as served", asked, window.startDate(), window.endDate(), found.getFromDate(), found.getToDate());
            gapRecords.add(found);
        } else if (asked != null && window.startDate() != null && window.startDate() < asked) {
            LOG.info("Asked for the window starting at {} but got {}..{} (overlapping): publishing it as served",
                    asked, window.startDate(), window.endDate());
        }
        if (filling != null) {
            gapRecords.add(FeedGap.newBuilder(filling.gap()).setClosed(true).setClosedAt(fetchedAt).build());
        }
        boolean cursorMoves = cursor == null || window.endDate() > cursor;
        FeedCursor next = cursorMoves
                ? new FeedCursor(feedBaseUrl, window.endDate(), window.serverTime(), fetchedAt) : null;
        List<RawSale> sales = RawSales.of(window, feedBaseUrl, fetchedAt);
        List<String> releaseUrls = WindowRecords.releaseUrls(window);
        List<Release> newReleases = releases.newReleases(releaseUrls, fetchedAt);
        FeedWindowReceived received = WindowRecords.received(window, feedBaseUrl, asked, fetchedAt, sales.size(),
                unreadable.size(), false);
        try {
            sink.publish(new WindowRecords(sales, next, newReleases, unreadable, gapRecords, received));
        } catch (PublishException e) {
            return publishFailed(e);
        } catch (InterruptedException e) {
            cursorKnown = false;
            throw e;
        }
        if (cursorMoves) {
            cursor = window.endDate();
            status.cursor(cursor);
        }
        if (found != null) {
            gaps.opened(found, fetchedAt);
            status.gapFound();
        }
        if (filling != null) {
            gaps.closed(filling, fetchedAt);
            status.gapClosed();
            LOG.info("Gap {}..{} closed: the feed now serves it", filling.gap().getFromDate(), filling.gap().getToDate());
        }
        releases.committed(releaseUrls, newReleases, fetchedAt);
        succeeded();
        status.windowPublished(fetchedAt, sales.size(), window.otherEventCount(), unreadable.size(),
                window.serverTime(), window.endDate());
        boolean catchUp = cursorMoves && window.isBehindFeed();
        LOG.info("Window {}..{}: {} events ({} not sales, {} unreadable), {} items published, {} new releases, cursor {}{}",
                window.startDate(), window.endDate(), window.events().size(), window.otherEventCount(),
                unreadable.size(), sales.size(), newReleases.size(), cursor,
                catchUp ? "; feed is further ahead, catching up" : "");
        return new PollResult(Outcome.WINDOW, catchUp || filling != null ? Duration.ZERO : interval, cursor, sales.size());
    }

    private PollResult publishFailed(PublishException e) {
        cursorKnown = false; // read it back from Kafka before the next fetch
        if (e.isFenced()) {
            LOG.error("{}: this instance stops polling", e.getMessage(), e);
            status.failed(consecutiveFailures + 1, e.getMessage());
            return new PollResult(Outcome.FENCED, Duration.ZERO, null, 0);
        }
        Duration wait = backoffDelay();
        LOG.warn("Kafka failed ({}); cursor stays at {}, fetching the same window again in {}",
                e.getMessage(), cursor, wait, e);
        return failed(Outcome.PUBLISH_FAILED, e.getMessage(), wait);
    }

    private Duration backoffDelay() {
        return backoff.delay(consecutiveFailures + 1);
    }

    private PollResult failed(Outcome outcome, String error, Duration wait) {
        consecutiveFailures++;
        status.failed(consecutiveFailures, error);
        return new PollResult(outcome, wait, cursorKnown ? cursor : null, 0);
    }

    private void succeeded() {
        consecutiveFailures = 0;
        status.succeeded();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        sink.close();
    }
}
