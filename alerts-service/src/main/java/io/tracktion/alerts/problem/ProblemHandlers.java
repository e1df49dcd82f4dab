package io.tracktion.alerts.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tracktion.problem.Problem;
import jakarta.inject.Singleton;

/** Our exceptions as problem+json answers. */
public final class ProblemHandlers {

    private ProblemHandlers() {
    }

    static MutableHttpResponse<Problem> problem(HttpStatus status, String detail, java.util.List<Problem.FieldError> errors) {
        return HttpResponse.<Problem>status(status)
                .body(new Problem("about:blank", status.getReason(), status.getCode(), detail, errors))
                .contentType(Problem.MEDIA_TYPE);
    }

    /** 400 with every invalid field. */
    @Singleton
    @Requires(classes = InvalidRequestException.class)
    public static class InvalidRequest implements ExceptionHandler<InvalidRequestException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, InvalidRequestException exception) {
            return problem(HttpStatus.BAD_REQUEST, exception.getMessage(), exception.errors());
        }
    }

    /** Its own status and reason. */
    @Singleton
    @Requires(classes = ProblemException.class)
    public static class WithStatus implements ExceptionHandler<ProblemException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
            return problem(exception.status(), exception.getMessage(), null);
        }
    }
}
