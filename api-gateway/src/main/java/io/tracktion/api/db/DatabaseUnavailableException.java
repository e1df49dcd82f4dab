package io.tracktion.api.db;

/** PostgreSQL cannot be reached (down, restarting, pool timed out) or has no table sale yet: a 503, not a bug. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Exception cause) {
        super("The sales database is unavailable: " + reason(cause), cause);
    }

    /** Hikari's timeout says only "not available"; the driver's error beneath it says why. */
    private static String reason(Exception cause) {
        Throwable underlying = cause.getCause();
        return underlying == null ? cause.getMessage() : cause.getMessage() + " - " + underlying.getMessage();
    }
}
