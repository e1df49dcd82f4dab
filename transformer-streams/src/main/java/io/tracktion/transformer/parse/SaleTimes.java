package io.tracktion.transformer.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The feed's times: float epoch seconds with a fraction ({@code 1750000061.5301187}), read from their
 * text with exact decimal arithmetic and rounded HALF_UP to microseconds, the precision of
 * {@code timestamp-micros} and PostgreSQL.
 */
public final class SaleTimes {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;
    /** 10000-01-01T00:00:00Z: later (or pre-1970) times are not sales. */
    private static final BigDecimal LATEST_EPOCH_SECOND = BigDecimal.valueOf(253_402_300_800L);

    private SaleTimes() {
    }

    /** The instant of an epoch-seconds text; {@code field} names it in the error. */
    public static Instant parse(String field, String text) throws InvalidSaleException {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSaleException(field + " is not a number: " + InvalidSaleException.shown(text));
        }
        if (seconds.signum() < 0 || seconds.compareTo(LATEST_EPOCH_SECOND) >= 0) {
            throw new InvalidSaleException(field + " is out of range: " + InvalidSaleException.shown(text));
        }
        return ofMicros(seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** Epoch microseconds, as the topology carries sale times. */
    public static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), MICROS_PER_SECOND), time.getNano() / NANOS_PER_MICRO);
    }

    public static Instant ofMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
    }

    /** Like {@link #parse} but null for a missing or unreadable text: for times that are only context. */
    public static Instant parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return parse("time", text);
        } catch (InvalidSaleException e) {
            return null;
        }
    }
}
