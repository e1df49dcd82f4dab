package io.tracktion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.process.NotHealthyException;
import io.tracktion.launcher.process.Ports;
import io.tracktion.launcher.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services, each its own JVM started from its packaged jar, as {@code ./tracktion up} runs them,
 * on free ports. Logs go to files in the work folder; a failing start shows the log's tail.
 */
final class RunningSystem implements AutoCloseable {

    private static final Repo REPO = Repo.locate();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Map<String, String> PORT_VARIABLES = Map.of("loader-service", "LOADER_PORT",
            "transformer-streams", "TRANSFORMER_PORT", "alerts-service", "ALERTS_PORT", "api-gateway", "API_PORT",
            "ingestor-service", "INGESTOR_PORT");
    private static final List<String> JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path workDir;
    private final Map<String, String> env;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final URI apiBase;

    private RunningSystem(Path workDir, Map<String, String> env, URI apiBase) {
        this.workDir = workDir;
        this.env = env;
        this.apiBase = apiBase;
    }

    /** Starts loader, transformer, alerts, API and ingestor, in that order, each healthy before the next. */
    static RunningSystem start(Path workDir, Map<String, String> infrastructure) throws IOException {
        return start(workDir, infrastructure, List.of("loader-service", "transformer-streams", "alerts-service",
                "api-gateway", "ingestor-service"));
    }

    /** Starts the loader alone, e.g. to fill another database from the topics. */
    static RunningSystem startLoader(Path workDir, Map<String, String> infrastructure) throws IOException {
        return start(workDir, infrastructure, List.of("loader-service"));
    }

    private static RunningSystem start(Path workDir, Map<String, String> infrastructure, List<String> modules)
            throws IOException {
        Map<String, String> env = new HashMap<>(infrastructure);
        int apiPort = Ports.findFree();
        env.put("API_PORT", String.valueOf(apiPort));
        env.put("INGESTOR_PORT", String.valueOf(Ports.findFree()));
        env.put("TRANSFORMER_PORT", String.valueOf(Ports.findFree()));
        env.put("LOADER_PORT", String.valueOf(Ports.findFree()));
        int alertsPort = Ports.findFree();
        env.put("ALERTS_PORT", String.valueOf(alertsPort));
        env.put("ALERTS_URL", "http://127.0.0.1:" + alertsPort);
        env.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + apiPort); // links in mails go through the gateway
        env.put("TRANSFORMER_STATE_DIR", workDir.resolve("transformer-state").toString());
        RunningSystem system = new RunningSystem(workDir, Map.copyOf(env), URI.create("http://127.0.0.1:" + apiPort));
        try {
            for (String module : modules) {
                system.startService(module, PORT_VARIABLES.get(module));
            }
        } catch (RuntimeException | IOException e) {
            system.close();
            throw e;
        }
        return system;
    }

    ApiClient api() {
        return new ApiClient(apiBase);
    }

    /** The ingestor's {@code /feed/status}: where its cursor stands. */
    JsonNode feedStatus() {
        return new ApiClient(URI.create("http://127.0.0.1:" + env.get("INGESTOR_PORT"))).get("/feed/status");
    }

    /** Each service's {@code GET /metrics}: its content type and body, by module name. */
    Map<String, String[]> metrics() throws IOException, InterruptedException {
        Map<String, String[]> scraped = new LinkedHashMap<>();
        var client = java.net.http.HttpClient.newHttpClient();
        for (var service : PORT_VARIABLES.entrySet()) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + env.get(service.getValue()) + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            scraped.put(service.getKey(), new String[] {String.valueOf(response.statusCode()),
                    response.headers().firstValue("Content-Type").orElse(""), response.body()});
        }
        return scraped;
    }

    /** Kills the ingestor at once (SIGKILL): no shutdown hook, no transaction abort, as in a crash. */
    void killIngestor() {
        services.remove("ingestor-service").kill();
    }

    void restartIngestor() {
        try {
            startService("ingestor-service", PORT_VARIABLES.get("ingestor-service"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(services.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            services.remove(names.get(i)).stop(STOP_GRACE);
        }
    }

    private void startService(String module, String portVariable) throws IOException {
        Path jar = REPO.serviceJar(module); // ServiceProcess says so if it is not built
        Path log = workDir.resolve(module + "-" + services.size() + "-" + System.nanoTime() + ".log");
        ServiceProcess service = ServiceProcess.start(module, jar, env, log, JVM_ARGS);
        services.put(module, service);
        try {
            service.waitForHealth(URI.create("http://127.0.0.1:" + env.get(portVariable) + "/health"), START_TIMEOUT);
        } catch (NotHealthyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + module + " was starting", e);
        }
    }
}
