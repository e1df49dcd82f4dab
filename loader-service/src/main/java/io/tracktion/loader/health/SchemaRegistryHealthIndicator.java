package io.tracktion.loader.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.tracktion.schemas.SchemaRegistryProbe;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * DOWN while the schema registry cannot be reached or lacks {@code tracktion.sales-value}: the loader can decode
 * what it has seen before (ids are cached), but a record with a new schema id waits, retried, until it is back.
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
        healthStatus = result.ready() ? HealthStatus.UP : HealthStatus.DOWN;
        return result.details();
    }

    @Override
    protected String getName() {
        return "schemaRegistry";
    }
}
