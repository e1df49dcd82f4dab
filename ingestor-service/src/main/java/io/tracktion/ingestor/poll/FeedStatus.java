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

    void windowPublished(Instant at, int items, int nonSaleEvents) {
        lastWindowAt = at;
        windowsRead.incrementAndGet();
        itemsPublished.addAndGet(items);
        otherEvents.addAndGet(nonSaleEvents);
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
                itemsPublished.get(), otherEvents.get(), consecutiveFailures, lastError);
    }

    /** The status as served by {@code GET /feed/status}. */
    @Serdeable
    public record View(String feedBaseUrl, boolean pollerRunning, Long cursorEndDate, Instant lastPollAt,
                       Instant lastWindowAt, long windowsRead, long itemsPublished, long nonSaleEvents,
                       int consecutiveFailures, String lastError) {
    }
}
