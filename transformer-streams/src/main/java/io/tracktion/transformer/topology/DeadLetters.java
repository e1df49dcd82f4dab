package io.tracktion.transformer.topology;

import io.tracktion.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The headers that say why and where from a record went to the dead-letter topic. */
final class DeadLetters {

    static final String STAGE_DECODE = "transformer-streams/decode";
    static final String STAGE_PARSE = "transformer-streams/parse";

    private DeadLetters() {
    }

    /** The record's own headers plus the {@link DeadLetterHeaders}; the original headers are left alone. */
    static Headers headers(Headers original, Exception error, String stage, RecordMetadata source, Instant failedAt) {
        Headers headers = new RecordHeaders(original.toArray());
        add(headers, DeadLetterHeaders.ERROR, error.getClass().getName() + ": " + error.getMessage());
        add(headers, DeadLetterHeaders.STAGE, stage);
        if (source != null) {
            add(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
            add(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(source.partition()));
            add(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(source.offset()));
        }
        add(headers, DeadLetterHeaders.FAILED_AT, failedAt.toString());
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name); // a record that was dead-lettered before carries the old reason
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
