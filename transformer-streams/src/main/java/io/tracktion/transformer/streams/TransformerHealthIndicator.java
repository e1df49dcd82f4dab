package io.tracktion.transformer.streams;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.tracktion.schemas.SchemaRegistryProbe;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UP while Kafka Streams is RUNNING or REBALANCING and the schema registry holds the transformer's subjects (or
 * did, and is away now: see {@link SchemaRegistryProbe.Result#healthy()}); DOWN while it waits for the registry
 * or starts, after it failed, or once it stopped.
 */
@Singleton
public class TransformerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final TransformerStreams streams;
    private final SchemaRegistryProbe registryProbe;

    public TransformerHealthIndicator(TransformerStreams streams, SchemaRegistryProbe registryProbe) {
        this.streams = streams;
        this.registryProbe = registryProbe;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streamsState", streams.state().name());
        streams.failure().ifPresent(error -> details.put("error", error.toString()));
        SchemaRegistryProbe.Result registry = registryProbe.check();
        details.put("schemaRegistry", registry.details());
        healthStatus = streams.isHealthy() && registry.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "transformer";
    }
}
