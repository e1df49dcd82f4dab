package io.tracktion.simulator;

import java.time.Clock;
import java.time.Instant;

/**
 * The simulator's notion of "now": it decides which windows are published and the {@code server_time}.
 * The system clock by default; tests use {@link #manual(Instant)} to step time explicitly.
 */
public interface SimClock {

    Instant now();

    static SimClock system() {
        Clock utc = Clock.systemUTC();
        return utc::instant;
    }

    static ManualClock manual(Instant start) {
        return new ManualClock(start);
    }
}
