package io.tracktion.schemas;

/** Header names on dead-letter records; values are UTF-8 text. */
public final class DeadLetterHeaders {

    /** Why the record was rejected: the exception class and message. */
    public static final String ERROR = "tracktion.dlq.error";
    /** Which stage rejected it, e.g. {@code transformer-streams/parse}. */
    public static final String STAGE = "tracktion.dlq.stage";
    public static final String SOURCE_TOPIC = "tracktion.dlq.source.topic";
    public static final String SOURCE_PARTITION = "tracktion.dlq.source.partition";
    public static final String SOURCE_OFFSET = "tracktion.dlq.source.offset";
    /** When it was rejected, ISO-8601 UTC. */
    public static final String FAILED_AT = "tracktion.dlq.failed.at";

    private DeadLetterHeaders() {
    }
}
