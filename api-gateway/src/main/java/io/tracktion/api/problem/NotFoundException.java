package io.tracktion.api.problem;

/** The thing a path names does not exist: 404, with the message as the detail. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
