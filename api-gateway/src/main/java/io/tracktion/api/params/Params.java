package io.tracktion.api.params;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses the query parameters shared by the endpoints. Controllers take every parameter as a raw string
 * and parse it here, so that any malformed value becomes one {@link InvalidParameterException} with a
 * helpful message instead of Micronaut's own conversion error. An empty value counts as absent.
 */
public final class Params {

    /** Years 1 to 9999: PostgreSQL's timestamptz overflows far outside them, and no sale is there. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private Params() {
    }

    /** The period from parameters {@code from} and {@code to}: ISO-8601 instants, {@code from} not after {@code to}. */
    public static Period period(@Nullable String from, @Nullable String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidParameterException("from", "must not be after 'to' (" + from + " > " + to + ")");
        }
        return new Period(start, end);
    }

    /** Parameter {@code limit}: a whole number from 1 to {@code max}, or {@code defaultLimit} when absent. */
    public static int limit(@Nullable String value, int defaultLimit, int max) {
        if (isAbsent(value)) {
            return defaultLimit;
        }
        String expected = "must be a whole number from 1 to " + max + ", got " + quoted(value);
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", expected);
        }
        if (limit < 1 || limit > max) {
            throw new InvalidParameterException("limit", expected);
        }
        return limit;
    }

    /** A parameter's value, or null when it is absent or empty. */
    @Nullable
    public static String optional(@Nullable String value) {
        return isAbsent(value) ? null : value;
    }

    /** An ISO-8601 instant parameter, or null when absent; anything else is a 400 naming the parameter. */
    @Nullable
    public static Instant instant(String name, @Nullable String value) {
        if (isAbsent(value)) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name,
                    "must be an ISO-8601 instant such as 2026-11-24T10:15:30Z, got " + quoted(value));
        }
        if (!isSupported(instant)) {
            throw new InvalidParameterException(name, "must lie in the years 1 to 9999, got " + quoted(value));
        }
        return instant;
    }

    /** Whether an instant is within the years 1 to 9999, the range the API accepts. */
    public static boolean isSupported(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
    }

    private static boolean isAbsent(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** The client's value for an error message, cut short so a huge value cannot bloat the answer. */
    public static String quoted(String value) {
        int max = 60;
        return "'" + (value.length() <= max ? value : value.substring(0, max) + "…") + "'";
    }
}
