package io.tracktion.api.params;

/** A query parameter the client got wrong; answered with 400 and this message as the problem's detail. */
public class InvalidParameterException extends RuntimeException {

    public InvalidParameterException(String parameter, String problem) {
        super("Query parameter '" + parameter + "' " + problem + ".");
    }

    private InvalidParameterException(String message) {
        super(message);
    }

    /** A bad path segment, such as an id that cannot be one. */
    public static InvalidParameterException inPath(String segment, String problem) {
        return new InvalidParameterException("Path segment '" + segment + "' " + problem + ".");
    }
}
