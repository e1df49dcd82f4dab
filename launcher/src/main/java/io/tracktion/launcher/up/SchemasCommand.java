package io.tracktion.launcher.up;

import io.tracktion.launcher.LaunchException;
import io.tracktion.launcher.config.Settings;
import io.tracktion.registry.RegistryException;
import io.tracktion.registry.SchemaRegistrar;
import io.tracktion.schemas.SchemaRegistryConfig;
import java.util.List;

/**
 * {@code ./tracktion schemas register}: every released version of every subject, oldest first, into the registry
 * at {@code SCHEMA_REGISTRY_URL}. {@code up} runs the same before any service starts, because producers never
 * register schemas themselves.
 */
public final class SchemasCommand {

    private SchemasCommand() {
    }

    /** @return the exit code: 0 when every version is registered, 1 with the registry's reason otherwise */
    public static int register(Settings settings, Console console) {
        try {
            SchemaRegistryConfig registry = registryOf(settings);
            console.line("Registering schemas in " + registry.url());
            for (SchemaRegistrar.Registered version : registerAll(registry)) {
                console.line("  " + version.subject() + " version " + version.registryVersion() + ": id "
                        + version.id() + " (released/" + version.record() + "/v" + version.releasedVersion() + ".avsc)");
            }
            return 0;
        } catch (LaunchException e) {
            console.line("Error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Registers every version; the exception carries the registry's own reason. */
    static List<SchemaRegistrar.Registered> registerAll(SchemaRegistryConfig registry)
            throws LaunchException, InterruptedException {
        try {
            return new SchemaRegistrar(registry.confluentApi()).registerAll();
        } catch (RegistryException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    static SchemaRegistryConfig registryOf(Settings settings) throws LaunchException {
        try {
            return SchemaRegistryConfig.of(settings.get(SchemaRegistryConfig.URL_VARIABLE,
                    SchemaRegistryConfig.DEFAULT_URL));
        } catch (IllegalArgumentException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }
}
