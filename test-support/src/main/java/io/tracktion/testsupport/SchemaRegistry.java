package io.tracktion.testsupport;

import io.tracktion.registry.LocalRegistry;
import io.tracktion.registry.SchemaRegistrar;
import io.tracktion.schemas.SchemaRegistryConfig;

/**
 * A real schema registry (Apicurio Registry, in-memory storage) for the whole test JVM: started by the first
 * test that asks, with every released schema registered as {@code ./tracktion schemas register} does, and
 * stopped when the JVM exits. Starting one takes a few seconds, so tests share it.
 */
public final class SchemaRegistry {

    private static LocalRegistry registry;
    private static SchemaRegistryConfig config;

    private SchemaRegistry() {
    }

    /** The shared registry, started and filled on first use. */
    public static synchronized SchemaRegistryConfig shared() {
        if (registry == null || !registry.isAlive()) {
            try {
                LocalRegistry started = LocalRegistry.start();
                SchemaRegistryConfig startedConfig = new SchemaRegistryConfig(started.url());
                new SchemaRegistrar(startedConfig.confluentApi()).registerAll();
                registry = started;
                config = startedConfig;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting the schema registry", e);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the test schema registry: " + e.getMessage(), e);
            }
        }
        return config;
    }

    /** Its {@code SCHEMA_REGISTRY_URL}. */
    public static String url() {
        return shared().url().toString();
    }
}
