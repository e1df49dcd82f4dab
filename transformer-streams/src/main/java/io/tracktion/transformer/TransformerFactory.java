package io.tracktion.transformer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tracktion.transformer.streams.TransformerSettings;
import io.tracktion.transformer.streams.TransformerStreams;
import io.tracktion.transformer.signals.SpikeRules;
import io.tracktion.transformer.topology.AnalyticsSettings;
import io.tracktion.transformer.topology.TransformerTopology;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Wires the transformer from its settings; Kafka Streams starts with the application and closes with it. */
@Factory
public class TransformerFactory {

    @Singleton
    TransformerSettings settings(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                                 @Value("${transformer.application-id}") String applicationId,
                                 @Value("${transformer.state-dir:}") String stateDir,
                                 @Value("${kafka.replication-factor}") int replicationFactor,
                                 @Value("${transformer.commit-interval}") Duration commitInterval) {
        return TransformerSettings.of(bootstrapServers, applicationId, stateDir, replicationFactor, commitInterval);
    }

    @Singleton
    AnalyticsSettings analyticsSettings(@Value("${analytics.enrich-wait}") Duration enrichWait,
                                        @Value("${analytics.stats-grace}") Duration statsGrace,
                                        @Value("${analytics.stats-retention}") Duration statsRetention,
                                        @Value("${analytics.emit-interval}") Duration emitInterval,
                                        @Value("${analytics.spike.probability}") double spikeProbability,
                                        @Value("${analytics.spike.rearm-probability}") double rearmProbability,
                                        @Value("${analytics.spike.min-units}") int spikeMinUnits,
                                        @Value("${analytics.spike.floor-per-hour}") double floorPerHour,
                                        @Value("${analytics.spike.baseline-hours}") int baselineHours,
                                        @Value("${analytics.chart-entry-min-units}") long chartEntryMinUnits) {
        return new AnalyticsSettings(enrichWait, statsGrace, statsRetention, emitInterval,
                new SpikeRules(spikeProbability, rearmProbability, spikeMinUnits, floorPerHour, baselineHours),
                chartEntryMinUnits);
    }

    @Singleton
    SchemaRegistryConfig schemaRegistry(@Value("${schema-registry.url}") String url) {
        return SchemaRegistryConfig.of(url);
    }

    /** What the transformer reads and writes: it starts once these subjects are there; /health shows them. */
    @Singleton
    SchemaRegistryProbe schemaRegistryProbe(SchemaRegistryConfig registry) {
        return SchemaRegistryProbe.forTopics(registry, List.of(Topics.RAW_SALES, Topics.SALES, Topics.RELEASES,
                Topics.SALES_ENRICHED, Topics.STATS_MINUTE, Topics.STATS_HOUR, Topics.STATS_DAY, Topics.TRENDING,
                Topics.SIGNALS));
    }

    /** Eager, so that bad settings stop the application at once; processing begins once the registry is ready. */
    @Context
    @Bean(preDestroy = "close")
    TransformerStreams streams(TransformerSettings settings, AnalyticsSettings analytics, SchemaRegistryConfig registry,
                               SchemaRegistryProbe registryProbe, MeterRegistry meters) {
        TransformerStreams streams = new TransformerStreams(TransformerTopology.buildTopology(registry, analytics),
                settings.streamsConfig());
        streams.bindMetrics(meters);
        streams.startWhenReady(registryProbe);
        return streams;
    }
}
