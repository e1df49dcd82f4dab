package io.tracktion.loader.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The whole loader application, started in this JVM against the test's Kafka and PostgreSQL. */
public final class Loader implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final EmbeddedServer server;

    private Loader(EmbeddedServer server) {
        this.server = server;
    }

    public static Loader start(KafkaCluster kafka, Postgres postgres, String database) {
        return start(kafka, postgres, database, SchemaRegistry.url());
    }

    /** Against a registry of the test's own, e.g. one it takes down. */
    public static Loader start(KafkaCluster kafka, Postgres postgres, String database, String schemaRegistryUrl) {
        return start(kafka, postgres, database, schemaRegistryUrl, Map.of());
    }

    /** With settings of the test's own, which take precedence, e.g. {@code loader.sales-consumers}. */
    public static Loader start(KafkaCluster kafka, Postgres postgres, String database, String schemaRegistryUrl,
                               Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "schema-registry.url", schemaRegistryUrl,
                "datasources.default.url", postgres.jdbcUrl(database),
                "datasources.default.username", Postgres.USER,
                "datasources.default.password", Postgres.PASSWORD,
                "micronaut.server.port", -1,
                "loader.retry-delay", "500ms"));
        properties.putAll(settings);
        return new Loader(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    /** GET a path; returns the status code and the body parsed as a JSON object. */
    public Response get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(server.getURI().resolve(URI.create(path))).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = bean(JsonMapper.class)
                    .readValue(response.body(), Argument.mapOf(String.class, Object.class));
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // Server first: stopping it inside context.close() makes Micronaut re-create the Kafka
        // consumer processor (and an AdminClient nobody closes) to deliver ServerShutdownEvent.
        server.stop();
        server.getApplicationContext().close();
    }

    public record Response(int status, Map<String, Object> body) {

        /** A component of a {@code /health} answer, e.g. {@code jdbc} or {@code schemaRegistry}. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> component(String name) {
            Map<String, Object> details = (Map<String, Object>) body.get("details");
            if (details == null || !details.containsKey(name)) {
                throw new AssertionError("No health component " + name + " in " + body);
            }
            return (Map<String, Object>) details.get(name);
        }
    }
}
