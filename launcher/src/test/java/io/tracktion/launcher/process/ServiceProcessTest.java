package io.tracktion.launcher.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ServiceProcess against a real child: a tiny service, compiled and packaged into a runnable jar here. */
@Timeout(120)
class ServiceProcessTest {

    /**
     * Serves /health on PORT with status STATUS (200), prints GREETING, says "bye" from its shutdown hook.
     * CRASH: print it and exit 3. STUBBORN: a shutdown hook that never ends (so SIGTERM cannot stop it).
     */
    private static final String TINY_SERVICE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;

            public class TinyService {
                public static void main(String[] args) throws Exception {
                    String crash = System.getenv("CRASH");
                    if (crash != null) {
                        System.out.println(crash);
                        System.exit(3);
                    }
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("bye")));
                    if (System.getenv("STUBBORN") != null) {
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                            try { Thread.sleep(600_000); } catch (InterruptedException e) { }
                        }));
                    }
                    int port = Integer.parseInt(System.getenv("PORT"));
                    int status = Integer.parseInt(System.getenv().getOrDefault("STATUS", "200"));
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                    server.createContext("/health", exchange -> {
                        exchange.sendResponseHeaders(status, -1);
                        exchange.close();
                    });
                    server.start();
                    System.out.println("greeting " + System.getenv("GREETING"));
                    System.out.println("listening on " + port);
                }
            }
            """;

    @TempDir
    static Path dir;
    private static Path jar;

    @BeforeAll
    static void buildJar() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(sources.resolve("TinyService.java"), TINY_SERVICE);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), sources.resolve("TinyService.java").toString());
        assertEquals(0, rc, "TinyService compiles");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "TinyService");
        jar = dir.resolve("tiny-service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("TinyService.class"));
            Files.copy(classes.resolve("TinyService.class"), out);
            out.closeEntry();
        }
    }

    private static ServiceProcess start(Map<String, String> env, String logName) throws IOException {
        return ServiceProcess.start("tiny-service", jar, env, dir.resolve("logs").resolve(logName),
                List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"));
    }

    private static URI health(int port) {
        return URI.create("http://127.0.0.1:" + port + "/health");
    }

    @Test
    void waitsForHealthThenStopsWithSigterm() throws Exception {
        int port = Ports.findFree();
        ServiceProcess process = start(Map.of("PORT", String.valueOf(port), "GREETING", "from env"), "healthy.log");
        try {
            process.waitForHealth(health(port), Duration.ofSeconds(60));
            assertTrue(process.isAlive());
            assertEquals(-1, process.exitCode());
            assertTrue(process.logTail(5).contains("greeting from env"), "env reaches the child: " + process.logTail(5));
            assertTrue(process.logTail(5).contains("listening on " + port), process.logTail(5).toString());
            // The pid we hold is the JVM's own (setsid must not fork), so our signals reach it.
            String command = ProcessHandle.of(process.pid()).orElseThrow().info().command().orElse("");
            assertTrue(command.endsWith("java"), command);
            assertFalse(Ports.isFree(port));
            assertTrue(process.stop(Duration.ofSeconds(20)), "ended within the grace period");
        } finally {
            process.kill();
        }
        assertFalse(process.isAlive());
        assertEquals(143, process.exitCode(), "ended by SIGTERM, not killed");
        assertEquals("bye", process.logTail(1).get(0), "its shutdown hook ran");
        assertTrue(Ports.isFree(port));
    }

    @Test
    void killEndsItAtOnceWithoutShutdownHooks() throws Exception {
        int port = Ports.findFree();
        ServiceProcess process = start(Map.of("PORT", String.valueOf(port)), "killed.log");
        process.waitForHealth(health(port), Duration.ofSeconds(60));
        process.kill();
        assertFalse(process.isAlive());
        assertEquals(137, process.exitCode(), "SIGKILL");
        assertFalse(process.logTail(10).contains("bye"), "no shutdown hook ran: " + process.logTail(10));
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        int port = Ports.findFree();
        ServiceProcess process = start(Map.of("PORT", String.valueOf(port), "STUBBORN", "1"), "stubborn.log");
        process.waitForHealth(health(port), Duration.ofSeconds(60));
        assertFalse(process.stop(Duration.ofSeconds(2)), "had to be killed");
        assertFalse(process.isAlive());
        assertEquals(137, process.exitCode(), "killed (SIGKILL) after the grace period");
    }

    @Test
    void aChildThatDiesWhileStartingIsReportedWithThisRunsLog() throws Exception {
        ServiceProcess first = start(Map.of("CRASH", "first run output"), "crash.log");
        assertTrue(first.awaitExit(Duration.ofSeconds(60)));
        ServiceProcess second = start(Map.of("CRASH", "boom: no config"), "crash.log");
        NotHealthyException e = assertThrows(NotHealthyException.class,
                () -> second.waitForHealth(health(Ports.findFree()), Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("tiny-service exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("boom: no config"), e.getMessage());
        assertFalse(e.getMessage().contains("first run output"), "the tail covers this run only: " + e.getMessage());
        assertTrue(Files.readString(second.logFile()).contains("first run output"), "earlier runs stay in the log file");
    }

    @Test
    void anUnhealthyChildFailsTheWaitAndKeepsRunning() throws Exception {
        int port = Ports.findFree();
        ServiceProcess process = start(Map.of("PORT", String.valueOf(port), "STATUS", "503"), "unhealthy.log");
        try {
            NotHealthyException e = assertThrows(NotHealthyException.class,
                    () -> process.waitForHealth(health(port), Duration.ofSeconds(3)));
            assertTrue(e.getMessage().contains("did not answer " + health(port) + " with 200"), e.getMessage());
            assertTrue(process.isAlive(), "waiting does not stop it: the caller decides");
        } finally {
            process.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void aMissingJarIsNamed() {
        Path missing = dir.resolve("nope.jar");
        IOException e = assertThrows(IOException.class, () -> ServiceProcess.start("ghost", missing, Map.of(),
                dir.resolve("logs/ghost.log"), List.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
