package io.tracktion.simulator.faults;

import java.time.Duration;

/**
 * What happens to one feed request instead of (or before) the normal answer. {@code duration} is the
 * Retry-After for {@link Kind#RATE_LIMITED}, the delay for {@link Kind#SLOW} and how far back the window
 * starts for {@link Kind#REWIND}, how far ahead for {@link Kind#SKIP_AHEAD}; zero otherwise.
 */
public record RequestFault(Kind kind, Duration duration) {

    public enum Kind {
        /** 429 with a Retry-After header (whole seconds). */
        RATE_LIMITED,
        /** 500 with an HTML error page. */
        SERVER_ERROR,
        /** The normal answer, after a delay. */
        SLOW,
        /** 200 with the window's JSON cut off halfway. */
        TRUNCATED_JSON,
        /** 200 with an HTML maintenance page instead of JSON. */
        HTML_ERROR_PAGE,
        /**
         * A {@code get} answered with a window that starts earlier than asked: it overlaps what the client
         * already has (by the window's length: the previous window served again).
         */
        REWIND,
        /** A {@code get} answered with a window that starts later than asked: the stretch between is skipped. */
        SKIP_AHEAD
    }

    public String describe() {
        return duration.isZero() ? kind.name() : kind.name() + "(" + duration.toMillis() + "ms)";
    }
}
