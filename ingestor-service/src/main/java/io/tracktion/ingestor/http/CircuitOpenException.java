package io.tracktion.ingestor.http;

import java.time.Instant;

/** A request refused without being sent: the host failed too often, and its circuit is open until {@link #until()}. */
public final class CircuitOpenException extends Exception {

    private final String host;
    private final Instant until;

    public CircuitOpenException(String host, Instant until) {
        super("circuit for " + host + " is open after repeated failures; next try at " + until);
        this.host = host;
        this.until = until;
    }

    public String host() {
        return host;
    }

    public Instant until() {
        return until;
    }
}
