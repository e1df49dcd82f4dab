package io.tracktion.ingestor.backfill;

import io.tracktion.ingestor.feed.FeedException;
import io.tracktion.ingestor.feed.FeedWindow;
import io.tracktion.ingestor.feed.RateLimitedException;
import io.tracktion.ingestor.feed.SalesFeed;
import io.tracktion.ingestor.kafka.TopicReader;
import io.tracktion.ingestor.poll.ReleaseDiscovery;
import io.tracktion.ingestor.publish.PublishException;
import io.tracktion.ingestor.publish.WindowRecords;
import io.tracktion.ingestor.publish.WindowSink;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.Topics;
import io.tracktion.ingestor.publish.RawSales;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Replays a past range of the feed through the live path: each window's raw sales, new releases (pending, then
 * fetched), unreadable events and coverage record in one transaction, as the poller writes them, but without
 * moving the live cursor. Windows already received (live or by an earlier backfill, as recorded in
 * {@code bandcamp.salesfeed.windows}) are passed over, so running it twice adds nothing.
 */
public final class Backfill {

    /** Failed fetches of one window before the backfill gives up (it can be run again: it resumes). */
    static final int MAX_ATTEMPTS = 8;

    private final String feedBaseUrl;
    private final SalesFeed feed;
    private final WindowSink sink;
    private final ReleaseDiscovery releases;
    private final TopicReader topics;
    private final RegistryAvroSerde<FeedWindowReceived> windows;
    private final PrintStream progress;
    private final Clock clock;
    private final Duration firstRetry;

    /** What a backfill did. */
    public record Result(int windowsFetched, int windowsSkipped, long items, int newReleases, int gaps, boolean complete) {
    }

    public Backfill(String feedBaseUrl, SalesFeed feed, WindowSink sink, ReleaseDiscovery releases, TopicReader topics,
                    RegistryAvroSerde<FeedWindowReceived> windows, PrintStream progress, Clock clock,
                    Duration firstRetry) {
        this.feedBaseUrl = feedBaseUrl;
        this.feed = feed;
        this.sink = sink;
        this.releases = releases;
        this.topics = topics;
        this.windows = windows;
        this.progress = progress;
        this.clock = clock;
        this.firstRetry = firstRetry;
    }

    /** Backfills [from, to), epoch seconds. */
    public Result run(long from, long to) throws PublishException, InterruptedException {
        releases.load();
        TreeMap<Long, Long> received = receivedWindows();
        progress.printf("Backfilling %s from %s to %s; %d windows of this feed already received%n", feedBaseUrl,
                Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), received.size());
        int fetched = 0;
        int skipped = 0;
        long items = 0;
        int newReleases = 0;
        int gaps = 0;
        long at = from;
        while (at < to) {
            var covering = received.floorEntry(at);
            if (covering != null && covering.getValue() > at) {
                skipped++;
                report(at, covering.getValue(), from, to, "already received, passed over");
                at = covering.getValue();
                continue;
            }
            FeedWindow window = fetch(at);
            if (window == null) {
                progress.printf("Gave up on the window at %s after %d failed attempts; run the backfill again to resume%n",
                        Instant.ofEpochSecond(at), MAX_ATTEMPTS);
                return new Result(fetched, skipped, items, newReleases, gaps, false);
            }
            if (window.isEmpty() || window.endDate() <= at) {
                progress.printf("The feed has nothing after %s yet (server_time %s): stopping there%n",
                        Instant.ofEpochSecond(at), window.serverTime());
                return new Result(fetched, skipped, items, newReleases, gaps, false);
            }
            Instant now = clock.instant();
            List<RawSale> sales = RawSales.of(window, feedBaseUrl, now);
            List<String> urls = WindowRecords.releaseUrls(window);
            List<Release> fresh = releases.newReleases(urls, now);
            List<WindowRecords.UnreadableEvent> unreadable = WindowRecords.unreadableEvents(window, feedBaseUrl);
            List<FeedGap> gap = new ArrayList<>();
            if (window.startDate() != null && window.startDate() > at) {
                gap.add(new FeedGap(feedBaseUrl, at, window.startDate(), now, "window-started-late", false, null));
            }
            FeedWindowReceived record = WindowRecords.received(window, feedBaseUrl, at, now, sales.size(),
                    unreadable.size(), true);
            sink.publish(new WindowRecords(sales, null, fresh, unreadable, gap, record));
            releases.committed(urls, fresh, now);
            fetched++;
            items += sales.size();
            newReleases += fresh.size();
            gaps += gap.size();
            report(record.getStartDate(), window.endDate(), from, to, sales.size() + " items, " + fresh.size()
                    + " new releases" + (gap.isEmpty() ? "" : ", a gap before it"));
            received.put(record.getStartDate(), window.endDate());
            received.merge(at, window.endDate(), Math::max); // asked here, served later: covered from here on
            at = window.endDate();
        }
        progress.printf("Done: %d windows fetched, %d already received, %d items, %d new releases, %d gaps%n",
                fetched, skipped, items, newReleases, gaps);
        return new Result(fetched, skipped, items, newReleases, gaps, true);
    }

    private void report(long start, long end, long from, long to, String what) {
        long percent = Math.min(100, Math.max(0, (end - from) * 100 / Math.max(1, to - from)));
        progress.printf("[%3d%%] %s .. %s  %s%n", percent, Instant.ofEpochSecond(start), Instant.ofEpochSecond(end), what);
    }

    /** The window at {@code start}, trying again with backoff; null after {@link #MAX_ATTEMPTS} failures. */
    private FeedWindow fetch(long start) throws InterruptedException {
        Duration wait = firstRetry;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return feed.after(start);
            } catch (RateLimitedException e) {
                Duration retryAfter = e.retryAfter().orElse(wait);
                progress.printf("  %s; waiting %s%n", e.getMessage(), retryAfter);
                Thread.sleep(retryAfter.toMillis());
            } catch (FeedException e) {
                progress.printf("  %s; attempt %d of %d, next in %s%n", e.getMessage(), attempt, MAX_ATTEMPTS, wait);
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
        return null;
    }

    /** The windows of this feed already received: start → end. */
    private TreeMap<Long, Long> receivedWindows() throws PublishException {
        TreeMap<Long, Long> received = new TreeMap<>();
        try {
            topics.readToEnd(Topics.FEED_WINDOWS.name(), Duration.ofMinutes(5), record -> {
                if (record.value() == null || record.key() == null || !record.key().startsWith(feedBaseUrl + "@")) {
                    return;
                }
                FeedWindowReceived window = windows.deserialize(record.topic(), record.value());
                received.merge(window.getStartDate(), window.getEndDate(), Math::max);
                if (window.getRequestedStart() != null && window.getRequestedStart() < window.getStartDate()) {
                    // Served later than asked (a gap): asking again from there gets the same window.
                    received.merge(window.getRequestedStart(), window.getEndDate(), Math::max);
                }
            });
        } catch (RuntimeException e) {
            throw new PublishException("Cannot read " + Topics.FEED_WINDOWS.name() + ": " + e.getMessage(), e, false);
        }
        return received;
    }
}
