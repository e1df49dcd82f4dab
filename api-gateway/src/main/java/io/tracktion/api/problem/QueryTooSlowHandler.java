package io.tracktion.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tracktion.api.db.QueryTooSlowException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A query cancelled by the statement timeout: 503, with the advice that a shorter period answers sooner. */
@Singleton
public class QueryTooSlowHandler implements ExceptionHandler<QueryTooSlowException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(QueryTooSlowHandler.class);

    private final ErrorResponseProcessor<?> problems;

    public QueryTooSlowHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, QueryTooSlowException exception) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return problems.processResponse(
                ErrorContext.builder(request).cause(exception)
                        .errorMessage("The answer took longer than the API allows; try again shortly or ask for a"
                                + " shorter period.").build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
