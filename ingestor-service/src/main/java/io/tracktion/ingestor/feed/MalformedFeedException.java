package io.tracktion.ingestor.feed;

/** The feed answered 2xx with a body that is not JSON, or JSON of a shape that is not a window. */
public final class MalformedFeedException extends FeedException {

    private static final int SNIPPET_LENGTH = 200;

    private final String snippet;

    public MalformedFeedException(String reason, String body, Throwable cause) {
        super(reason, cause);
        this.snippet = snippet(body);
    }

    /** The start of the offending body, on one line, for the log. */
    public String snippet() {
        return snippet;
    }

    static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String start = body.length() > SNIPPET_LENGTH ? body.substring(0, SNIPPET_LENGTH) + "…" : body;
        return start.replaceAll("\\p{Cntrl}", " ");
    }
}
