package io.tracktion.api.entities;

import io.micronaut.serde.annotation.Serdeable;
import io.tracktion.api.signals.SignalView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What an entity sold in a period and what Tracktion noticed about it: the part every entity page shares.
 *
 * @param totals       its sales in the period (from the rollups, so taken to whole minutes)
 * @param topCountries its buyers' countries in the same period, best first
 * @param signals      its latest signals, newest first, of any time
 */
@Serdeable
public record Activity(Totals totals, List<CountryTotal> topCountries, List<SignalView> signals) {

    /** @param from the first instant counted; {@code to} the first not counted */
    @Serdeable
    public record Totals(Instant from, Instant to, long units, BigDecimal revenueUsd, long carts) {
    }

    /** @param id the upper-case ISO code, or {@code unknown} */
    @Serdeable
    public record CountryTotal(String id, String name, long units, BigDecimal revenueUsd, long carts) {
    }
}
