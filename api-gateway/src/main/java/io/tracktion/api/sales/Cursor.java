package io.tracktion.api.sales;

import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of sales ended: the last sale's {@code (soldAt, saleId)}. The next page holds the sales
 * ordered after it, which is stable while new sales arrive (unlike an offset). Clients see it as an
 * opaque string: base64url of {@code "<soldAt in epoch microseconds>:<saleId>"}.
 *
 * @param soldAt the last sale's time
 * @param saleId the last sale's id, which breaks ties between sales of the same microsecond
 */
public record Cursor(Instant soldAt, String saleId) {

    static Cursor after(Sale sale) {
        return new Cursor(sale.soldAt(), sale.saleId());
    }

    String encode() {
        String plain = ChronoUnit.MICROS.between(Instant.EPOCH, soldAt) + ":" + saleId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this API issued as {@code next}; anything else is the client's error. */
    static Cursor decode(String cursor) {
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
