package io.tracktion.loader.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What {@code GET /loader/status} answers: the table's contents and this process's totals.
 *
 * @param salesInTable        rows in table sale
 * @param latestSoldAt        the newest sale's time
 * @param recordsReceived     records consumed and committed by this process
 * @param salesInserted       new rows written by this process
 * @param salesAlreadyPresent records whose saleId was in the table already (replays, redeliveries)
 * @param deadLettered        records sent to the dead-letter topic
 * @param batchesCommitted    batches written and committed
 * @param failedAttempts      batch attempts that failed and were retried (e.g. while PostgreSQL was down)
 * @param consecutiveFailures failed attempts since the last good batch
 * @param lastFailure         the last failed attempt's reason
 * @param lastBatchAt         when the last batch was committed
 */
@Serdeable
public record LoaderStatus(long salesInTable,
                           @Nullable Instant latestSoldAt,
                           long recordsReceived,
                           long salesInserted,
                           long salesAlreadyPresent,
                           long deadLettered,
                           long batchesCommitted,
                           long failedAttempts,
                           long consecutiveFailures,
                           @Nullable String lastFailure,
                           @Nullable Instant lastBatchAt) {
}
