package io.tracktion.ingestor.http;

import java.io.IOException;

/** An answer whose body grew past the limit: the host answered, but not with what was asked for. */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("response body larger than " + limit + " bytes");
    }
}
