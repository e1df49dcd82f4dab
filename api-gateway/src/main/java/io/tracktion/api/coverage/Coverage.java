package io.tracktion.api.coverage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/coverage}: what the feed served, hour by hour (UTC).
 *
 * @param from  the first hour's start
 * @param to    the end of the last hour
 * @param hours every hour of the range, also the empty ones
 */
@Serdeable
public record Coverage(Instant from, Instant to, List<Hour> hours) {

    /**
     * @param start         the hour
     * @param windows       feed windows received that start in it
     * @param items         items those windows held
     * @param gaps          gaps in the feed that touch it
     * @param openGaps      those of them no later fetch closed
     * @param sales         items sold in it (the store's hour rollup)
     * @param salesEnriched of them, those whose release page has been read (not under artist "unknown")
     * @param enrichedShare salesEnriched / sales, three decimals; null without sales
     */
    @Serdeable
    public record Hour(Instant start, long windows, long items, long gaps, long openGaps, long sales,
                       long salesEnriched, @Nullable BigDecimal enrichedShare) {
    }
}
