package io.tracktion.api.problem;

import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An error answer in the RFC 9457 shape, sent as {@code application/problem+json}.
 *
 * @param type   always {@code about:blank}: the status says what kind of problem it is
 * @param title  the status's reason phrase, e.g. "Bad Request"
 * @param status the HTTP status code, repeated for clients that only see the body
 * @param detail what went wrong with this request, e.g. which parameter and why
 */
@Serdeable
public record Problem(String type, String title, int status, String detail) {

    public static final MediaType MEDIA_TYPE = MediaType.of("application/problem+json");
}
