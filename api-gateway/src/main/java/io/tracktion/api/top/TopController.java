package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * {@code GET /api/v1/top/{dimension}?from&to&by=revenue|units&limit}: the best-selling artists, releases, labels,
 * genres, tags, countries or kinds of a period. The period is summed from the rollups, so it is taken to whole
 * minutes ({@code from} down, {@code to} up; to whole hours where minute rollups are no longer kept); headers
 * {@code X-Period-From} and {@code X-Period-To} say the range counted.
 */
@Controller("/api/v1/top")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class TopController {

    static final String PERIOD_FROM = "X-Period-From";
    static final String PERIOD_TO = "X-Period-To";

    private final TopLists topLists;

    public TopController(TopLists topLists) {
        this.topLists = topLists;
    }

    @Get("/{dimension}")
    public HttpResponse<List<TopEntry>> top(@PathVariable String dimension, @QueryValue @Nullable String from,
                                            @QueryValue @Nullable String to, @QueryValue @Nullable String by,
                                            @QueryValue @Nullable String limit) {
        TopList list = topLists.top(dimension, from, to, by, limit);
        return withPeriod(HttpResponse.ok(list.entries()), list);
    }

    /** The range a list was summed over, in its response's headers. */
    public static <T> HttpResponse<T> withPeriod(MutableHttpResponse<T> response, TopList list) {
        return response.header(PERIOD_FROM, list.from().toString()).header(PERIOD_TO, list.to().toString());
    }
}
