package io.tracktion.api.stats;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/stats/timeseries}: one point per window of the interval, empty windows as zeros.
 *
 * @param interval minute, hour or day (UTC)
 * @param points   every window from {@code from} to {@code to}, oldest first
 */
@Serdeable
public record Timeseries(String interval, List<Point> points) {

    /** A window's sums; {@code carts} counts distinct carts within the window. */
    @Serdeable
    public record Point(Instant start, long units, BigDecimal revenueUsd, long carts) {
    }
}
