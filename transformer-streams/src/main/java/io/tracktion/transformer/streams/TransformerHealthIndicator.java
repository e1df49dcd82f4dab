package io.tracktion.transformer.streams;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** UP while Kafka Streams is RUNNING or REBALANCING; DOWN while it starts, after it failed, or once it stopped. */
@Singleton
public class TransformerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final TransformerStreams streams;

    public TransformerHealthIndicator(TransformerStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streamsState", streams.state().name());
        streams.failure().ifPresent(error -> details.put("error", error.toString()));
        healthStatus = streams.isHealthy() ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "transformer";
    }
}
