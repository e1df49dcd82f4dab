package io.tracktion.problem;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Renders every error response as a {@link Problem}: the service's own (its exception handlers) and Micronaut's
 * (unknown path, wrong method, unhandled exception), replacing its default JSON error.
 */
@Singleton
public class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    /** A 500 is a bug; its message may show internals, so the client gets this and the log gets the rest. */
    private static final String INTERNAL_ERROR_DETAIL = "The server failed to answer this request; the error is logged.";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext error, MutableHttpResponse<?> response) {
        MutableHttpResponse<Problem> problemResponse = (MutableHttpResponse<Problem>) response;
        if (error.getRequest().getMethod() == HttpMethod.HEAD) {
            return problemResponse; // a HEAD answer has no body
        }
        HttpStatus status = response.status();
        String detail = status == HttpStatus.INTERNAL_SERVER_ERROR
                ? INTERNAL_ERROR_DETAIL
                : error.getErrors().stream().map(Error::getMessage).collect(Collectors.joining(" "));
        if (detail.isBlank()) {
            detail = status.getReason();
        }
        return problemResponse
                .body(new Problem("about:blank", status.getReason(), status.getCode(), detail))
                .contentType(Problem.MEDIA_TYPE);
    }
}
