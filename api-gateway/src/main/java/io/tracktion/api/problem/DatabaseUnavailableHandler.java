package io.tracktion.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tracktion.api.db.DatabaseUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL unreachable: 503, so clients (and the live page) know to try again shortly. */
@Singleton
public class DatabaseUnavailableHandler implements ExceptionHandler<DatabaseUnavailableException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    private final ErrorResponseProcessor<?> problems;

    public DatabaseUnavailableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DatabaseUnavailableException exception) {
        // Expected while PostgreSQL starts or restarts: one line, no stack trace.
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return problems.processResponse(
                ErrorContext.builder(request).cause(exception)
                        .errorMessage("The sales database is unavailable; try again shortly.").build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
