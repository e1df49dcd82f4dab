package io.tracktion.transformer;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tracktion.transformer.streams.TransformerSettings;
import io.tracktion.transformer.streams.TransformerStreams;
import io.tracktion.transformer.topology.TransformerTopology;
import jakarta.inject.Singleton;

/** Wires the transformer from its settings; Kafka Streams starts with the application and closes with it. */
@Factory
public class TransformerFactory {

    @Singleton
    TransformerSettings settings(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                                 @Value("${transformer.application-id}") String applicationId,
                                 @Value("${transformer.state-dir:}") String stateDir,
                                 @Value("${kafka.replication-factor}") int replicationFactor) {
        return TransformerSettings.of(bootstrapServers, applicationId, stateDir, replicationFactor);
    }

    /** Eager, so that processing begins at startup and bad settings stop the application at once. */
    @Context
    @Bean(preDestroy = "close")
    TransformerStreams streams(TransformerSettings settings) {
        TransformerStreams streams = new TransformerStreams(TransformerTopology.buildTopology(), settings.streamsConfig());
        streams.start();
        return streams;
    }
}
