package io.tracktion.alerts.matching;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Signal;
import jakarta.inject.Singleton;

/** The registry's serdes of the topics the service reads. */
@Factory
public class SerdeFactory {

    @Singleton
    SchemaRegistryConfig registry(@Value("${schema-registry.url}") String url) {
        return SchemaRegistryConfig.of(url);
    }

    @Singleton
    RegistryAvroSerde<Signal> signals(SchemaRegistryConfig registry) {
        return RegistryAvroSerde.signal(registry);
    }

    @Singleton
    RegistryAvroSerde<EnrichedSale> enrichedSales(SchemaRegistryConfig registry) {
        return RegistryAvroSerde.enrichedSale(registry);
    }
}
