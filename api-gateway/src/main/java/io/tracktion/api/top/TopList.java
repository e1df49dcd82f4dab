package io.tracktion.api.top;

import java.time.Instant;
import java.util.List;

/** A top list and the range it was summed over, after rounding to the rollups' windows. */
public record TopList(Instant from, Instant to, List<TopEntry> entries) {
}
