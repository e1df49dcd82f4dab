package io.tracktion.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers that say why and where from a record went to {@link Topics#SALES_DEAD_LETTER}; values are
 * UTF-8 text. Every stage that dead-letters builds them with {@link #of}, so they read the same everywhere.
 */
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
    /** Feed dead letters: the feed and the window (epoch seconds) the event came in. */
    public static final String FEED = "tracktion.dlq.feed";
    public static final String WINDOW_START = "tracktion.dlq.window.start";
    public static final String WINDOW_END = "tracktion.dlq.window.end";
    /** Page dead letters: the page's canonical URL and the HTTP status of its answer. */
    public static final String URL = "tracktion.dlq.url";
    public static final String HTTP_STATUS = "tracktion.dlq.http.status";

    /** Where the rejected record was read. */
    public record Source(String topic, int partition, long offset) {
    }

    private DeadLetterHeaders() {
    }

    /**
     * The record's own headers plus the dead-letter headers; the original headers are left alone. Dead-letter
     * headers from an earlier stage are replaced: a record carries its latest reason.
     *
     * @param source where the record was read, or null when that is unknown (no source headers then)
     */
    public static Headers of(Headers original, Exception error, String stage, Source source, Instant failedAt) {
        return of(original, reason(error), stage, source, failedAt);
    }

    /** As {@link #of(Headers, Exception, String, Source, Instant)}, with the reason as text. */
    public static Headers of(Headers original, String reason, String stage, Source source, Instant failedAt) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, ERROR, reason);
        put(headers, STAGE, stage);
        if (source != null) {
            put(headers, SOURCE_TOPIC, source.topic());
            put(headers, SOURCE_PARTITION, String.valueOf(source.partition()));
            put(headers, SOURCE_OFFSET, String.valueOf(source.offset()));
        }
        put(headers, FAILED_AT, failedAt.toString());
        return headers;
    }

    /** The {@link #ERROR} text: the exception's class and message. */
    public static String reason(Exception error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }

    /** Adds (or replaces) one header of UTF-8 text. */
    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
