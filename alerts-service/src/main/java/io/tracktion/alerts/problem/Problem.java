package io.tracktion.alerts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An error answer in the RFC 9457 shape, sent as {@code application/problem+json}, as the API gateway answers.
 *
 * @param errors for a request body: one entry per invalid field (an extension member)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = MediaType.of("application/problem+json");

    /** What is wrong with one field; {@code field} is its JSON path, e.g. {@code target.url}. */
    @Serdeable
    public record FieldError(String field, String detail) {
    }
}
