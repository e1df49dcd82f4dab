package io.tracktion.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracktion.schemas.ReleasedSchemas;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real Apicurio Registry process, through its Confluent-compatible API. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchemaRegistrarTest {

    private static LocalRegistry registry;
    private static SchemaRegistrar registrar;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start();
        registrar = new SchemaRegistrar(new SchemaRegistryConfig(registry.url()).confluentApi());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void registersEveryReleasedVersionUnderItsTopicSubjectAndAgainWithTheSameIds() throws Exception {
        List<SchemaRegistrar.Registered> first = registrar.registerAll();
        int released = Topics.withSchemas().stream()
                .mapToInt(t -> ReleasedSchemas.get().versionsOf(t.valueRecord()).size()).sum();
        assertEquals(released, first.size());
        assertTrue(first.stream().anyMatch(r -> r.subject().equals("tracktion.sales-value") && r.record().equals("Sale")));

        JsonNode subjects = get("/subjects");
        for (var topic : Topics.withSchemas()) {
            assertTrue(subjects.toString().contains("\"" + topic.name() + "-value\""), subjects.toString());
        }
        assertEquals(first, registrar.registerAll(), "registering again changes nothing");

        // The id resolves to the released schema.
        SchemaRegistrar.Registered sale = first.stream().filter(r -> r.record().equals("Sale")).findFirst().orElseThrow();
        JsonNode schema = get("/schemas/ids/" + sale.id());
        assertEquals("Sale", new ObjectMapper().readTree(schema.get("schema").asText()).get("name").asText());

        SchemaRegistryProbe.Result probe = SchemaRegistryProbe.forTopics(new SchemaRegistryConfig(registry.url()),
                Topics.withSchemas()).check();
        assertTrue(probe.ready(), probe.describe());
    }

    @Test
    void anIncompatibleVersionIsRefusedWithTheRegistrysReason() throws Exception {
        registrar.registerAll();
        // A required field without a default: today's readers could not read the records already written.
        String breaking = """
                {"type":"record","name":"FeedCursor","namespace":"io.tracktion.schemas","fields":[
                  {"name":"feedBaseUrl","type":"string"},{"name":"endDate","type":"long"},
                  {"name":"partition","type":"int"}]}""";
        RegistryException refused = assertThrows(RegistryException.class,
                () -> registrar.register("bandcamp.salesfeed.cursor-value", breaking, "a breaking FeedCursor"));
        assertTrue(refused.getMessage().contains("HTTP 409"), refused.getMessage());
        assertTrue(refused.getMessage().contains("a breaking FeedCursor"), refused.getMessage());
    }

    @Test
    void aProbeOfAnEmptyOrAbsentRegistrySaysWhatIsMissing() {
        var absent = new SchemaRegistryProbe(SchemaRegistryConfig.of("http://127.0.0.1:9"), List.of("x-value")).check();
        assertTrue(absent.problem() != null && !absent.ready(), absent.describe());
        var missing = new SchemaRegistryProbe(new SchemaRegistryConfig(registry.url()), List.of("no-such-topic-value"))
                .check();
        assertEquals(List.of("no-such-topic-value"), missing.missingSubjects());
    }

    private static JsonNode get(String path) throws Exception {
        URI uri = URI.create(new SchemaRegistryConfig(registry.url()).confluentApi() + path);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
