package io.tracktion.api.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.Dimensions;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import io.tracktion.api.params.Period;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/stats/summary?from&to}: items, carts, USD revenue, artists and countries.
 * {@code GET /api/v1/stats/timeseries?from&to&interval&dimension&id}: a window's units, USD and carts, window by
 * window, zeros included; without {@code dimension} the whole store. {@code from} is rounded down and {@code to}
 * up to whole windows; without them, the last hour (minute), 24 hours (hour) or 30 days (day).
 */
@Controller("/api/v1/stats")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class StatsController {

    private final SummaryQuery summaryQuery;
    private final TimeseriesQuery timeseriesQuery;
    private final Clock clock = Clock.systemUTC();

    public StatsController(SummaryQuery summaryQuery, TimeseriesQuery timeseriesQuery) {
        this.summaryQuery = summaryQuery;
        this.timeseriesQuery = timeseriesQuery;
    }

    @Get("/timeseries")
    public Timeseries timeseries(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                 @QueryValue @Nullable String interval, @QueryValue @Nullable String dimension,
                                 @QueryValue @Nullable String id) {
        String intervalId = Params.optional(interval) == null ? "hour" : interval.trim();
        StatsInterval windows = StatsInterval.of(intervalId);
        if (windows == null) {
            throw new InvalidParameterException("interval", "must be minute, hour or day, got " + Params.quoted(interval));
        }
        String rollupDimension = "store";
        String entityId = "all";
        if (Params.optional(dimension) != null) {
            rollupDimension = Dimensions.stored(dimension);
            if (rollupDimension == null) {
                throw new InvalidParameterException("dimension", "must be one of artist, release, label, genre, tag,"
                        + " country, kind (or their plurals), got " + Params.quoted(dimension));
            }
            entityId = Params.optional(id);
            if (entityId == null) {
                throw new InvalidParameterException("id", "is needed with 'dimension'");
            }
            entityId = rollupDimension.equals("country") ? entityId.trim().toUpperCase(Locale.ROOT) : entityId.trim();
        } else if (Params.optional(id) != null) {
            throw new InvalidParameterException("dimension", "is needed with 'id'");
        }
        Period period = Params.period(from, to);
        Instant end = windows.ceil(period.to() != null ? period.to() : clock.instant());
        Instant start = period.from() != null ? windows.floor(period.from()) : windows.floor(end.minus(windows.defaultSpan()));
        if (!start.isBefore(end)) {
            end = windows.next(start);
        }
        List<Instant> starts = new ArrayList<>();
        for (Instant s = start; s.isBefore(end); s = windows.next(s)) {
            if (starts.size() == windows.maxPoints()) {
                throw new InvalidParameterException("to", "is too far after 'from': at most " + windows.maxPoints()
                        + " " + windows.id() + " points in one answer");
            }
            starts.add(s);
        }
        return timeseriesQuery.series(windows, rollupDimension, entityId, starts);
    }

    @Get("/summary")
    public Summary summary(@QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return summaryQuery.summarize(Params.period(from, to));
    }
}
