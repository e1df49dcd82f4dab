package io.tracktion.ingestor.publish;

/**
 * A window could not be written to Kafka: its transaction was aborted and the cursor did not move.
 * {@link #isFenced()} means another instance has taken over this feed's transactional id; this one must stop.
 */
public final class PublishException extends Exception {

    private final boolean fenced;

    public PublishException(String message, Throwable cause, boolean fenced) {
        super(message, cause);
        this.fenced = fenced;
    }

    public boolean isFenced() {
        return fenced;
    }
}
