package io.tracktion.alerts.problem;

import io.micronaut.http.HttpStatus;

/** An answer other than 400 with a reason the client should read: 403, 404, 409, 429. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;

    public ProblemException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
