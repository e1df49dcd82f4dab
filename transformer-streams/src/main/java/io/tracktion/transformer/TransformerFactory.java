package io.tracktion.transformer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tracktion.transformer.streams.TransformerSettings;
import io.tracktion.transformer.streams.TransformerStreams;
import io.tracktion.transformer.topology.TransformerTopology;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import jakarta.inject.Singleton;
import java.util.List;

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

    @Singleton
    SchemaRegistryConfig schemaRegistry(@Value("${schema-registry.url}") String url) {
        return SchemaRegistryConfig.of(url);
    }

    /** What the transformer reads and writes: it starts once these subjects are there; /health shows them. */
    @Singleton
    SchemaRegistryProbe schemaRegistryProbe(SchemaRegistryConfig registry) {
        return SchemaRegistryProbe.forTopics(registry, List.of(Topics.RAW_SALES, Topics.SALES));
    }

    /** Eager, so that bad settings stop the application at once; processing begins once the registry is ready. */
    @Context
    @Bean(preDestroy = "close")
    TransformerStreams streams(TransformerSettings settings, SchemaRegistryConfig registry,
                               SchemaRegistryProbe registryProbe, MeterRegistry meters) {
        TransformerStreams streams = new TransformerStreams(TransformerTopology.buildTopology(registry),
                settings.streamsConfig());
        streams.bindMetrics(meters);
        streams.startWhenReady(registryProbe);
        return streams;
    }
}
