package io.tracktion.ingestor.feed;

/** The feed could not give a usable window this time; the cursor stays where it is and the call is retried. */
public abstract sealed class FeedException extends Exception
        permits RateLimitedException, FeedUnavailableException, MalformedFeedException {

    protected FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
