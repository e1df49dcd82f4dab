package io.tracktion.simulator.http;

/** A request the simulator refuses with 400 and this message. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
