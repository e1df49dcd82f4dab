package io.tracktion.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Asks the registry's Confluent-compatible API which subjects it holds: what every service's {@code /health}
 * shows, and what a service waits for before it starts work.
 */
public final class SchemaRegistryProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one probe found: reachable or why not, which of the expected subjects are missing, and whether this
     * probe has ever found the registry ready.
     */
    public record Result(URI url, String problem, List<String> missingSubjects, boolean wasReady) {

        /** Reachable and holding every expected subject. */
        public boolean ready() {
            return problem == null && missingSubjects.isEmpty();
        }

        /**
         * What a service's health should say: ready, or unreachable after it was ready once. A service that has
         * met the registry has its schema ids cached and keeps working through an outage, so it stays UP (with
         * {@code reachable: false} in the details) and no orchestrator restarts it into a wait. Never ready, or
         * reachable without our subjects, is DOWN.
         */
        public boolean healthy() {
            return ready() || (wasReady && problem != null);
        }

        /** For a health endpoint: url, reachable, and the problem or missing subjects if any. */
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("url", url.toString());
            details.put("reachable", problem == null);
            details.put("wasReady", wasReady);
            if (problem != null) {
                details.put("error", problem);
            }
            if (!missingSubjects.isEmpty()) {
                details.put("missingSubjects", missingSubjects);
            }
            return details;
        }

        /** One line for a log. */
        public String describe() {
            if (problem != null) {
                return "schema registry at " + url + " is not reachable: " + problem;
            }
            return missingSubjects.isEmpty() ? "schema registry at " + url + " is ready"
                    : "schema registry at " + url + " lacks subjects " + missingSubjects
                            + " (run ./tracktion schemas register)";
        }
    }

    private final SchemaRegistryConfig registry;
    private final List<String> expectedSubjects;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile boolean wasReady;

    public SchemaRegistryProbe(SchemaRegistryConfig registry, List<String> expectedSubjects) {
        this.registry = registry;
        this.expectedSubjects = List.copyOf(expectedSubjects);
    }

    /** A probe expecting the subjects of these topics. */
    public static SchemaRegistryProbe forTopics(SchemaRegistryConfig registry, List<TopicSpec> topics) {
        return new SchemaRegistryProbe(registry,
                topics.stream().flatMap(topic -> topic.valueSubject().stream()).toList());
    }

    public Result check() {
        Result result = probe();
        if (result.ready()) {
            wasReady = true;
        }
        return new Result(result.url(), result.problem(), result.missingSubjects(), wasReady);
    }

    /** Whether a probe has found the registry ready since this service started. */
    public boolean wasReady() {
        return wasReady;
    }

    private Result probe() {
        URI subjects = URI.create(registry.confluentApi() + "/subjects");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(subjects).timeout(TIMEOUT)
                    .header("Accept", "application/vnd.schemaregistry.v1+json, application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Result(registry.url(), "GET " + subjects + " answered HTTP " + response.statusCode(),
                        List.of(), false);
            }
            List<String> present = strings(response.body());
            List<String> missing = new ArrayList<>(expectedSubjects);
            missing.removeAll(present);
            return new Result(registry.url(), null, List.copyOf(missing), false);
        } catch (IOException e) {
            return new Result(registry.url(), e.toString(), List.of(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(registry.url(), "interrupted", List.of(), false);
        }
    }

    /**
     * Blocks until the registry is reachable and holds every expected subject, probing every {@code interval};
     * each time the reason for waiting changes it is logged as a warning, so an operator sees what is missing.
     */
    public Result awaitReady(Duration interval, Logger log) throws InterruptedException {
        String lastReason = null;
        while (true) {
            Result result = check();
            if (result.ready()) {
                if (lastReason != null) {
                    log.info("The {}; starting", result.describe());
                }
                return result;
            }
            if (!result.describe().equals(lastReason)) {
                lastReason = result.describe();
                log.warn("Waiting: the {}; trying again every {} s", lastReason, interval.toSeconds());
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private static List<String> strings(String jsonArray) throws IOException {
        List<String> values = new ArrayList<>();
        for (JsonNode node : JSON.readTree(jsonArray)) {
            values.add(node.asText());
        }
        return values;
    }
}
