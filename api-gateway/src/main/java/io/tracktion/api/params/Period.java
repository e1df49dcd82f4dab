package io.tracktion.api.params;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * The half-open time range {@code from <= sold_at < to} a query covers; a null bound leaves that side open.
 *
 * @param from the first instant included
 * @param to   the first instant excluded
 */
public record Period(@Nullable Instant from, @Nullable Instant to) {

    /**
     * This period with both bounds: {@code to} defaults to {@code now}, {@code from} to {@code defaultSpan} before
     * {@code to} (to the epoch, all time, when {@code defaultSpan} is null). A {@code from} after the defaulted
     * {@code to} gives an empty period at {@code from}.
     */
    public Period closed(Instant now, @Nullable Duration defaultSpan) {
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : defaultSpan == null ? Instant.EPOCH : end.minus(defaultSpan);
        return new Period(start, end.isBefore(start) ? start : end);
    }
}
