package io.tracktion.loader.status;

import jakarta.inject.Singleton;
import java.time.Instant;
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
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastBatchAt = new AtomicReference<>();

    /** A batch went into the table (and its rejects to the dead-letter topic). */
    public void batchLoaded(int records, int inserted, int alreadyPresent, int deadLetters) {
        recordsReceived.addAndGet(records);
        salesInserted.addAndGet(inserted);
        salesAlreadyPresent.addAndGet(alreadyPresent);
        deadLettered.addAndGet(deadLetters);
        batchesCommitted.incrementAndGet();
        consecutiveFailures.set(0);
        lastBatchAt.set(Instant.now());
    }

    /** A batch could not be loaded and will be retried. */
    public void batchFailed(Exception error) {
        failedAttempts.incrementAndGet();
        consecutiveFailures.incrementAndGet();
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

    public long consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public String lastFailure() {
        return lastFailure.get();
    }

    public Instant lastBatchAt() {
        return lastBatchAt.get();
    }
}
