package io.tracktion.ingestor.poll;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of the poller, written by its thread and read by the status endpoint and health check. */
public final class FeedStatus {

    private final String feedBaseUrl;
    private final AtomicLong windowsRead = new AtomicLong();
    private final AtomicLong itemsPublished = new AtomicLong();
    private final AtomicLong otherEvents = new AtomicLong();
    private final AtomicLong unreadableEvents = new AtomicLong();
    private final AtomicLong gapsFound = new AtomicLong();
    private final AtomicLong gapsClosed = new AtomicLong();
    private volatile Long lagSeconds;
    private volatile Long cursorEndDate;
    private volatile Instant lastPollAt;
    private volatile Instant lastWindowAt;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile boolean pollerRunning;

    public FeedStatus(String feedBaseUrl) {
        this.feedBaseUrl = feedBaseUrl;
    }

    void polled(Instant at) {
        lastPollAt = at;
    }

    void cursor(Long endDate) {
        cursorEndDate = endDate;
    }

    void windowPublished(Instant at, int items, int nonSaleEvents, int unreadable, Long serverTime, Long endDate) {
        lastWindowAt = at;
        windowsRead.incrementAndGet();
        itemsPublished.addAndGet(items);
        otherEvents.addAndGet(nonSaleEvents);
        unreadableEvents.addAndGet(unreadable);
        if (serverTime != null && endDate != null) {
            lagSeconds = serverTime - endDate;
        }
    }

    void gapFound() {
        gapsFound.incrementAndGet();
    }

    void gapClosed() {
        gapsClosed.incrementAndGet();
    }

    /** {@code server_time - end_date} of the last window published: how far behind the feed the ingestor is. */
    public Long lagSeconds() {
        return lagSeconds;
    }

    void succeeded() {
        consecutiveFailures = 0;
    }

    void failed(int consecutive, String error) {
        consecutiveFailures = consecutive;
        lastError = error;
    }

    void pollerRunning(boolean running) {
        pollerRunning = running;
    }

    public boolean isPollerRunning() {
        return pollerRunning;
    }

    public View view() {
        return new View(feedBaseUrl, pollerRunning, cursorEndDate, lastPollAt, lastWindowAt, windowsRead.get(),
                itemsPublished.get(), otherEvents.get(), consecutiveFailures, lastError, unreadableEvents.get(),
                gapsFound.get(), gapsClosed.get(), lagSeconds);
    }

    /** The status as served by {@code GET /feed/status}. */
    @Serdeable
    public record View(String feedBaseUrl, boolean pollerRunning, Long cursorEndDate, Instant lastPollAt,
                       Instant lastWindowAt, long windowsRead, long itemsPublished, long nonSaleEvents,
                       int consecutiveFailures, String lastError, long unreadableEvents, long gapsFound,
                       long gapsClosed, Long lagSeconds) {
    }
}
