package io.tracktion.api.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema registry as the rest of the system sees it, for an operator reading one {@code /health}. The API
 * answers from PostgreSQL and never asks the registry, so this stays UP with {@code reachable: false} while the
 * registry is away: a load balancer must not take the API out of service for it.
 */
@Singleton
public class SchemaRegistryHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final SchemaRegistryProbe probe;

    public SchemaRegistryHealthIndicator(@Value("${schema-registry.url}") String url) {
        this.probe = SchemaRegistryProbe.forTopics(SchemaRegistryConfig.of(url), Topics.withSchemas());
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        SchemaRegistryProbe.Result result = probe.check();
        Map<String, Object> details = new LinkedHashMap<>(result.details());
        details.put("usedByThisService", false);
        healthStatus = HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "schemaRegistry";
    }
}
