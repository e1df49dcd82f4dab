package io.tracktion.api.signals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of signals, newest first; {@code next} is the cursor of the following page, null on the last. */
@Serdeable
public record SignalsPage(List<SignalView> items, @Nullable String next) {
}
