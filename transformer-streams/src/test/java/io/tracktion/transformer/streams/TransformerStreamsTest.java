package io.tracktion.transformer.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.SchemaRegistryUnavailableException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class TransformerStreamsTest {

    @Test
    void aRegistryThatCannotBeAskedReplacesTheThreadToRetry() {
        var cause = new SchemaRegistryUnavailableException("Cannot fetch schema id 7", new java.net.ConnectException());
        assertThat(TransformerStreams.responseTo(new StreamsException("Exception caught in process", cause)))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void anythingElseStopsTheClient() {
        assertThat(TransformerStreams.responseTo(new StreamsException("boom", new IllegalStateException("bug"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
