package io.tracktion.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An error answer in the RFC 9457 shape, sent as {@code application/problem+json}.
 *
 * @param type   always {@code about:blank}: the status says what kind of problem it is
 * @param title  the status's reason phrase, e.g. "Bad Request"
 * @param status the HTTP status code, repeated for clients that only see the body
 * @param detail what went wrong with this request, e.g. which parameter and why
 * @param errors for a request body: one entry per invalid field (an extension member); absent otherwise
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = MediaType.of("application/problem+json");

    /** A problem without field errors. */
    public Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, null);
    }

    /** What is wrong with one field; {@code field} is its JSON path, e.g. {@code target.url}. */
    @Serdeable
    public record FieldError(String field, String detail) {
    }
}
