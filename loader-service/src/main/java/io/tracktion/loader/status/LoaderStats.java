package io.tracktion.loader.status;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Running totals of this loader process since it started; thread-safe. */
@Singleton
public class LoaderStats {

    private final AtomicLong recordsReceived = new AtomicLong();
    private final AtomicLong salesInserted = new AtomicLong();
    private final AtomicLong salesAlreadyPresent = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong batchesCommitted = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    /**
     * Failures in a row of each consumer thread (loader.sales-consumers share this): one consumer retrying a batch
     * for ever must show while the others load theirs.
     */
    private final Map<Long, Long> consecutiveFailures = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastBatchAt = new AtomicReference<>();

    /** A batch went into the table (and its rejects to the dead-letter topic). */
    public void batchLoaded(int records, int inserted, int alreadyPresent, int deadLetters) {
        recordsReceived.addAndGet(records);
        salesInserted.addAndGet(inserted);
        salesAlreadyPresent.addAndGet(alreadyPresent);
        deadLettered.addAndGet(deadLetters);
        batchesCommitted.incrementAndGet();
        consecutiveFailures.remove(Thread.currentThread().getId());
        lastBatchAt.set(Instant.now());
    }

    /** A batch could not be loaded and will be retried. */
    public void batchFailed(Exception error) {
        failedAttempts.incrementAndGet();
        consecutiveFailures.merge(Thread.currentThread().getId(), 1L, Long::sum);
        lastFailure.set(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    public long recordsReceived() {
        return recordsReceived.get();
    }

    public long salesInserted() {
        return salesInserted.get();
    }

    public long salesAlreadyPresent() {
        return salesAlreadyPresent.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public long batchesCommitted() {
        return batchesCommitted.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** The most failures in a row of any consumer. */
    public long consecutiveFailures() {
        return consecutiveFailures.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public String lastFailure() {
        return lastFailure.get();
    }

    public Instant lastBatchAt() {
        return lastBatchAt.get();
    }
}
