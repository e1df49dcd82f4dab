package io.tracktion.api.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What {@code GET /api/v1/stats/summary} answers: totals over the sales with {@code from <= soldAt < to}.
 *
 * @param from       the period's start as asked, null for all time
 * @param to         the period's end as asked, null for all time
 * @param items      sold items (rows of table sale)
 * @param carts      distinct carts (eventId)
 * @param revenueUsd the sum of amountPaidUsd, 0 when there are no sales
 * @param artists    distinct artists
 * @param countries  distinct buyer countries (countryCode); sales without one are not counted
 */
@Serdeable
public record Summary(@Nullable Instant from,
                      @Nullable Instant to,
                      long items,
                      long carts,
                      BigDecimal revenueUsd,
                      long artists,
                      long countries) {
}
