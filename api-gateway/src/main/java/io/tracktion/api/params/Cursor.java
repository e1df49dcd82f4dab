package io.tracktion.api.params;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of a newest-first list ended (sales, signals): the last item's time and id. The next page holds the
 * items ordered after it, which is stable while new ones arrive (unlike an offset). Clients see it as an opaque
 * string: base64url of {@code "<time in epoch microseconds>:<id>"}.
 *
 * @param at the last item's time
 * @param id the last item's id, which breaks ties between items of the same microsecond
 */
public record Cursor(Instant at, String id) {

    public String encode() {
        String plain = ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this API issued as {@code next}; anything else is the client's error. */
    public static Cursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon > 0 && colon < plain.length() - 1) {
                long micros = Long.parseLong(plain.substring(0, colon));
                Instant soldAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
                if (Params.isSupported(soldAt)) {
                    return new Cursor(soldAt, plain.substring(colon + 1));
                }
            }
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            // Not base64url, or not a number of microseconds: answered below.
        }
        throw new InvalidParameterException("cursor",
                "is not a cursor this API issued (pass 'next' from the previous page unchanged), got "
                        + Params.quoted(cursor));
    }
}
