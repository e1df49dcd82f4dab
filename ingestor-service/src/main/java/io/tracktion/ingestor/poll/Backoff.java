package io.tracktion.ingestor.poll;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the n-th consecutive failure wait between half and all of
 * {@code initial * 2^(n-1)}, capped at {@code max}. The random half keeps restarted instances from
 * retrying in step; the fixed half guarantees the wait really grows.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after {@code failures} consecutive failures (1 for the first). */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
