package io.tracktion.ingestor.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A complete HTTP answer from Bandcamp.
 *
 * @param status      the status code
 * @param body        the whole body
 * @param contentType the Content-Type header, or null
 * @param retryAfter  the Retry-After header's wait, when there was a readable one (at most an hour)
 * @param finalUri    the URI that answered, after redirects
 */
public record HttpAnswer(int status, byte[] body, String contentType, Optional<Duration> retryAfter, URI finalUri) {

    public boolean isSuccess() {
        return status >= 200 && status <= 299;
    }

    /** The charset the Content-Type names, if it names one this Java knows. */
    public Optional<String> charset() {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = pair[1].strip().replace("\"", "");
                try {
                    return Optional.of(Charset.forName(name).name());
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
