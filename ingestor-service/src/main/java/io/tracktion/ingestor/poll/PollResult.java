package io.tracktion.ingestor.poll;

import java.time.Duration;

/**
 * What one poll did and when to poll next.
 *
 * @param outcome    what happened
 * @param nextPollIn the wait before the next poll: zero while catching up, the interval after a window
 *                   or an empty answer, Retry-After or a backoff after a failure
 * @param cursor     the committed cursor after this poll; null while there is none (or it is unknown)
 * @param items      items published by this poll
 */
public record PollResult(Outcome outcome, Duration nextPollIn, Long cursor, int items) {

    public enum Outcome {
        /** A window was published (its cursor committed with it, if it moved). */
        WINDOW,
        /** The feed has nothing after the cursor yet ({@code {"server_time": N}}). */
        EMPTY,
        /** A gap's start was asked for again and is still not served. */
        GAP_STILL_OPEN,
        /** HTTP 429. */
        RATE_LIMITED,
        /** The feed failed: connection, timeout, HTTP error, or a body that is not a window. */
        FEED_FAILED,
        /** Kafka failed: the transaction was aborted and the same window will be fetched again. */
        PUBLISH_FAILED,
        /** A bug: logged with its stack trace and retried like a failure. */
        UNEXPECTED_FAILURE,
        /** Another ingestor took over this feed's transactional id: this one must stop. */
        FENCED
    }

    public boolean catchingUp() {
        return outcome == Outcome.WINDOW && nextPollIn.isZero();
    }
}
