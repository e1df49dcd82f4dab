package io.tracktion.transformer.parse;

/** A raw sale that cannot become a {@link io.tracktion.schemas.Sale}; the message names the field. */
public final class InvalidSaleException extends Exception {

    private static final int SHOWN_LENGTH = 64;

    public InvalidSaleException(String message) {
        super(message);
    }

    /** A value from the feed as it may appear in a message: shortened, so a hostile item cannot bloat headers. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= SHOWN_LENGTH ? value : value.substring(0, SHOWN_LENGTH) + "…";
    }
}
