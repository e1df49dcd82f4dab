package io.tracktion.api.sales;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.Cursor;
import io.tracktion.api.params.Params;

/** {@code GET /api/v1/sales?from&to&artist&limit&cursor}: sales newest first, a page at a time. */
@Controller("/api/v1/sales")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class SalesController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final SalesQuery salesQuery;

    public SalesController(SalesQuery salesQuery) {
        this.salesQuery = salesQuery;
    }

    /** {@code artist} matches exactly; {@code cursor} is the {@code next} of the previous page. */
    @Get
    public SalesPage list(@QueryValue @Nullable String from,
                          @QueryValue @Nullable String to,
                          @QueryValue @Nullable String artist,
                          @QueryValue @Nullable String limit,
                          @QueryValue @Nullable String cursor) {
        String after = Params.optional(cursor);
        return salesQuery.page(
                Params.period(from, to),
                Params.optional(artist),
                after == null ? null : Cursor.decode(after),
                Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
