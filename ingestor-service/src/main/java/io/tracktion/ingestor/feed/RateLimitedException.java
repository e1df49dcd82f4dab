package io.tracktion.ingestor.feed;

import java.time.Duration;
import java.util.Optional;

/** HTTP 429: the feed wants us to slow down, for {@link #retryAfter()} if it said how long. */
public final class RateLimitedException extends FeedException {

    private final transient Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
