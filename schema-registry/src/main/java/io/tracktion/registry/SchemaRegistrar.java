package io.tracktion.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracktion.schemas.ReleasedSchemas;
import io.tracktion.schemas.TopicSpec;
import io.tracktion.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers every released version of every topic's value schema, oldest first, under the subject
 * {@code <topic>-value}, through the registry's Confluent-compatible API (so it works against any
 * Confluent-compatible registry). Registering what is already there changes nothing and gives the same id; a
 * version that breaks the compatibility rule is refused by the registry, and {@link #registerAll} fails with the
 * registry's own reason. This, not the producers, is how schemas get into the registry.
 */
public final class SchemaRegistrar {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One version as the registry holds it: subject, its version number there, and the schema id. */
    public record Registered(String subject, String record, int releasedVersion, int registryVersion, int id) {
    }

    private final URI confluentApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param confluentApi e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7} */
    public SchemaRegistrar(URI confluentApi) {
        this.confluentApi = confluentApi;
    }

    /** Every subject of {@link Topics#withSchemas()}, every released version in order. */
    public List<Registered> registerAll() throws RegistryException, InterruptedException {
        List<Registered> registered = new ArrayList<>();
        for (TopicSpec topic : Topics.withSchemas()) {
            String subject = topic.valueSubject().orElseThrow();
            List<Schema> versions = ReleasedSchemas.get().versionsOf(topic.valueRecord());
            for (int v = 0; v < versions.size(); v++) {
                String what = "released/" + topic.valueRecord() + "/v" + (v + 1) + ".avsc";
                Registered version = register(subject, versions.get(v).toString(), what);
                registered.add(new Registered(subject, topic.valueRecord(), v + 1, version.registryVersion(),
                        version.id()));
            }
        }
        return registered;
    }

    /**
     * Registers one Avro schema under a subject and returns its version there and its id.
     *
     * @param what names the schema in an error, e.g. {@code released/Sale/v2.avsc}
     */
    public Registered register(String subject, String schema, String what) throws RegistryException,
            InterruptedException {
        String body = json(Map.of("schemaType", "AVRO", "schema", schema));
        JsonNode created = post("/subjects/" + subject + "/versions", body,
                "The registry refused " + what + " as a new version of " + subject);
        // The registration answers only the id; the lookup also says which version of the subject it is.
        JsonNode found = post("/subjects/" + subject, body, "The registry cannot find " + what + " under " + subject
                + " right after registering it");
        return new Registered(subject, null, 0, found.path("version").asInt(), created.path("id").asInt());
    }

    private JsonNode post(String path, String body, String failure) throws RegistryException, InterruptedException {
        URI uri = URI.create(confluentApi + path);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryException("Cannot reach the schema registry at " + confluentApi + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(failure + ": HTTP " + response.statusCode() + ": " + reason(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(failure + ": the answer is not JSON: " + response.body(), e);
        }
    }

    /** The registry's own message ({@code {"error_code":409,"message":"..."}}), or its whole answer. */
    private static String reason(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.hasNonNull("message") ? node.get("message").asText() : body;
        } catch (IOException notJson) {
            return body;
        }
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a map of strings as JSON", e);
        }
    }
}
