package io.tracktion.api.signals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A signal as the transformer wrote it (table signal). For a milestone {@code threshold} is the step crossed and
 * {@code observed} the new total; for a spike {@code observed} and {@code expected} are units in {@code window},
 * {@code probability} their Poisson tail and {@code threshold} the probability it fires below.
 */
@Serdeable
public record SignalView(String id, String kind, String dimension, String entityId, String entityName, Instant at,
                         @Nullable BigDecimal observed, @Nullable BigDecimal expected, @Nullable Double probability,
                         @Nullable BigDecimal threshold, @Nullable String window) {
}
