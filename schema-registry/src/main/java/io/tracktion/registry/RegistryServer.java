package io.tracktion.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run Apicurio Registry as its own process: the command line and environment for a given port pair and
 * storage. It listens on 127.0.0.1 only, its management interface (health, metrics) too, which would otherwise
 * open on all interfaces; the global compatibility rule is BACKWARD, so an incompatible schema is refused.
 *
 * <p>Storage is in memory (tests) or a PostgreSQL database, so that schema ids survive restarts. The database
 * password goes in the environment, never on the command line where {@code ps} would show it.
 */
public final class RegistryServer {

    private static final String HOST = "127.0.0.1";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** A PostgreSQL database of the registry's own. */
    public record PostgresStorage(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "PostgresStorage[" + jdbcUrl + ", user " + user + "]"; // never the password
        }
    }

    private final RegistryDistribution distribution;
    private final RegistryJava.Jdk java;
    private final int port;
    private final int managementPort;
    private final PostgresStorage storage;

    /** @param storage the database, or null for in-memory storage */
    public RegistryServer(RegistryDistribution distribution, RegistryJava.Jdk java, int port, int managementPort,
                          PostgresStorage storage) {
        this.distribution = distribution;
        this.java = java;
        this.port = port;
        this.managementPort = managementPort;
        this.storage = storage;
    }

    /** The registry's root URL; the Confluent-compatible API is under {@code /apis/ccompat/v7}. */
    public URI url() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** 200 once the registry serves requests (its storage included). */
    public URI readinessUrl() {
        return URI.create("http://" + HOST + ":" + managementPort + "/health/ready");
    }

    public List<String> command() {
        List<String> command = new ArrayList<>(List.of(java.java().toString(),
                // Small and quick to start: it holds a few dozen schemas.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + HOST, "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=" + HOST, "-Dquarkus.management.port=" + managementPort,
                "-Dapicurio.rules.global.compatibility=BACKWARD"));
        if (storage != null) {
            command.addAll(List.of("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=postgresql",
                    "-Dapicurio.datasource.url=" + storage.jdbcUrl(),
                    "-Dapicurio.datasource.username=" + storage.user()));
        }
        command.addAll(List.of("-jar", distribution.runJar().toString()));
        return command;
    }

    /** Added to the inherited environment: the database password, if any. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (storage != null) {
            env.put("APICURIO_DATASOURCE_PASSWORD", storage.password());
        }
        return env;
    }

    /** Starts the process with its output appended to {@code logFile}. */
    public Process start(Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(distribution.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment());
        return builder.start();
    }

    /** Waits until the process answers its readiness check; fails early if it exits. */
    public void awaitReady(Process process, Duration timeout, Path logFile) throws RegistryException,
            InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new RegistryException("The schema registry exited with code " + process.exitValue()
                        + " before it was ready; see " + logFile);
            }
            if (isReady(http)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new RegistryException("The schema registry was not ready within " + timeout.toSeconds()
                + " s; see " + logFile);
    }

    private boolean isReady(HttpClient http) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(readinessUrl()).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }
}
