package io.tracktion.loader.status;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /loader/status}: how much is loaded, and whether loading is stuck. */
@Controller("/loader")
public class LoaderStatusController {

    private final SaleRepository sales;
    private final LoaderStats stats;

    public LoaderStatusController(SaleRepository sales, LoaderStats stats) {
        this.sales = sales;
        this.stats = stats;
    }

    @Get("/status")
    @ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
    public LoaderStatus status() {
        return new LoaderStatus(sales.count(), sales.findMaxSoldAt(),
                stats.recordsReceived(), stats.salesInserted(), stats.salesAlreadyPresent(), stats.deadLettered(),
                stats.batchesCommitted(), stats.failedAttempts(), stats.consecutiveFailures(), stats.lastFailure(),
                stats.lastBatchAt());
    }
}
