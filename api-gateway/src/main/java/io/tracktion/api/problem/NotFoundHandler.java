package io.tracktion.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** An id that names nothing: 404, with the exception's message as the detail. */
@Singleton
public class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    public NotFoundHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotFoundException exception) {
        return problems.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
                HttpResponse.notFound());
    }
}
