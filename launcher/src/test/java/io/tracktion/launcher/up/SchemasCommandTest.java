package io.tracktion.launcher.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.launcher.config.Settings;
import io.tracktion.registry.LocalRegistry;
import io.tracktion.registry.SchemaRegistrar;
import io.tracktion.schemas.SchemaRegistryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ./tracktion schemas register} against real registry processes. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchemasCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8));

    @Test
    void registersEverySubjectAndSaysWhichIds() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            int exit = SchemasCommand.register(new Settings(Map.of("SCHEMA_REGISTRY_URL", registry.url().toString())),
                    console);

            assertEquals(0, exit, output());
            assertTrue(output().contains("tracktion.sales-value version 1: id "), output());
            assertTrue(output().contains("bandcamp.sales.raw-value version 1: id "), output());
            assertTrue(output().contains("bandcamp.salesfeed.cursor-value version 1: id "), output());
        }
    }

    @Test
    void failsWithTheRegistrysReasonWhenAVersionBreaksCompatibility() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            // The subject already holds a schema our released FeedCursor cannot follow under BACKWARD.
            new SchemaRegistrar(new SchemaRegistryConfig(registry.url()).confluentApi()).register(
                    "bandcamp.salesfeed.cursor-value", """
                            {"type":"record","name":"FeedCursor","namespace":"io.tracktion.schemas",
                             "fields":[{"name":"feedBaseUrl","type":"int"}]}""", "a foreign FeedCursor");

            int exit = SchemasCommand.register(new Settings(Map.of("SCHEMA_REGISTRY_URL", registry.url().toString())),
                    console);

            assertEquals(1, exit, output());
            assertTrue(output().contains("The registry refused released/FeedCursor/v1.avsc as a new version of "
                    + "bandcamp.salesfeed.cursor-value: HTTP 409"), output());
        }
    }

    @Test
    void anUnreachableRegistryIsNamed() {
        int exit = SchemasCommand.register(new Settings(Map.of("SCHEMA_REGISTRY_URL", "http://127.0.0.1:9")), console);

        assertEquals(1, exit);
        assertTrue(output().contains("Cannot reach the schema registry at http://127.0.0.1:9"), output());
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
