package io.tracktion.ingestor.enrich;

/** A fetched page from which no release could be read; the message says why. */
public final class UnreadablePageException extends Exception {

    public UnreadablePageException(String message) {
        super(message);
    }
}
