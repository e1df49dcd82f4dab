package io.tracktion.api.coverage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import io.tracktion.api.params.Period;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /api/v1/coverage?from&to}: per UTC hour, the feed windows received, their items, the gaps, and the
 * share of the hour's sales whose release is known. {@code from} is rounded down and {@code to} up to whole hours;
 * without them, the last 24 hours. At most 31 days.
 */
@Controller("/api/v1/coverage")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CoverageController {

    static final Duration LONGEST = Duration.ofDays(31);

    private final CoverageQuery coverage;
    private final Clock clock = Clock.systemUTC();

    public CoverageController(CoverageQuery coverage) {
        this.coverage = coverage;
    }

    @Get
    public Coverage get(@QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        Period period = Params.period(from, to);
        Instant end = period.to() != null ? ceilHour(period.to()) : ceilHour(clock.instant());
        Instant start = period.from() != null ? period.from().truncatedTo(ChronoUnit.HOURS) : end.minus(Duration.ofHours(24));
        if (!start.isBefore(end)) {
            end = start.plus(Duration.ofHours(1));
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new InvalidParameterException("to", "must be at most 31 days after 'from' (coverage is per hour)");
        }
        return coverage.hours(start, end);
    }

    private static Instant ceilHour(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(instant) ? floor : floor.plus(Duration.ofHours(1));
    }
}
