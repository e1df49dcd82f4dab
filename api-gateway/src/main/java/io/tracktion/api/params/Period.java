package io.tracktion.api.params;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * The half-open time range {@code from <= sold_at < to} a query covers; a null bound leaves that side open.
 *
 * @param from the first instant included
 * @param to   the first instant excluded
 */
public record Period(@Nullable Instant from, @Nullable Instant to) {
}
