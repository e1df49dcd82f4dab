package io.tracktion.api.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.Params;

/** {@code GET /api/v1/stats/summary?from&to}: items, carts, USD revenue, artists and countries. */
@Controller("/api/v1/stats")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class StatsController {

    private final SummaryQuery summaryQuery;

    public StatsController(SummaryQuery summaryQuery) {
        this.summaryQuery = summaryQuery;
    }

    @Get("/summary")
    public Summary summary(@QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return summaryQuery.summarize(Params.period(from, to));
    }
}
