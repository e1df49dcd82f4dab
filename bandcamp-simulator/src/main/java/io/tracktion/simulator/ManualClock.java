package io.tracktion.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when told to; safe to move from a test thread while the server reads it. */
public final class ManualClock implements SimClock {

    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public Instant advance(Duration step) {
        Objects.requireNonNull(step, "step");
        return now.updateAndGet(t -> t.plus(step));
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }
}
