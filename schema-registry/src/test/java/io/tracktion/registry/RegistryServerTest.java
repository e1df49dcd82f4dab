package io.tracktion.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryServerTest {

    private static final RegistryJava.Jdk JDK = new RegistryJava.Jdk(Path.of("/jdk"), 25);
    private static final RegistryDistribution DIST = new RegistryDistribution(Path.of("/dist"));

    @Test
    void listensOnLoopbackOnlyManagementToo() {
        List<String> command = new RegistryServer(DIST, JDK, 8085, 8086, null).command();
        assertTrue(command.contains("-Dquarkus.http.host=127.0.0.1"), command.toString());
        assertTrue(command.contains("-Dquarkus.management.host=127.0.0.1"), command.toString());
        assertTrue(command.contains("-Dquarkus.management.port=8086"), command.toString());
        assertTrue(command.contains("-Dapicurio.rules.global.compatibility=BACKWARD"), command.toString());
        assertEquals(List.of("-jar", "/dist/quarkus-run.jar"), command.subList(command.size() - 2, command.size()));
    }

    @Test
    void keepsTheDatabasePasswordOffTheCommandLine() {
        var storage = new RegistryServer.PostgresStorage("jdbc:postgresql://localhost:5432/tracktion_registry", "u",
                "s3cret");
        RegistryServer server = new RegistryServer(DIST, JDK, 8085, 8086, storage);
        assertTrue(server.command().contains("-Dapicurio.storage.sql.kind=postgresql"));
        assertFalse(String.join(" ", server.command()).contains("s3cret"));
        assertEquals("s3cret", server.environment().get("APICURIO_DATASOURCE_PASSWORD"));
        assertFalse(storage.toString().contains("s3cret"));
    }
}
