package io.tracktion.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tracktion.api.params.InvalidParameterException;
import jakarta.inject.Singleton;

/** A bad query parameter: 400, with the exception's message as the detail. */
@Singleton
public class InvalidParameterHandler implements ExceptionHandler<InvalidParameterException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    public InvalidParameterHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidParameterException exception) {
        return problems.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
                HttpResponse.badRequest());
    }
}
