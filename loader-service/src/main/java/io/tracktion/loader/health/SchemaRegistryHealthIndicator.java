package io.tracktion.loader.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.tracktion.schemas.SchemaRegistryProbe;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * DOWN until the schema registry has been reached holding {@code tracktion.sales-value} (the loader loads nothing
 * before), and while it lacks the subject. Unreachable after that it stays UP, {@code reachable: false}: the loader
 * decodes what it has seen before from its cache, and a record with a new schema id waits, retried.
 */
@Singleton
public class SchemaRegistryHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final SchemaRegistryProbe probe;

    public SchemaRegistryHealthIndicator(SchemaRegistryProbe probe) {
        this.probe = probe;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        SchemaRegistryProbe.Result result = probe.check();
        healthStatus = result.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        return result.details();
    }

    @Override
    protected String getName() {
        return "schemaRegistry";
    }
}
