package io.tracktion.ingestor.feed;

/** The feed did not answer usefully: connection failure, timeout, or an HTTP status other than 2xx and 429. */
public final class FeedUnavailableException extends FeedException {

    public FeedUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
