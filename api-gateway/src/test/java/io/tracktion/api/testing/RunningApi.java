package io.tracktion.api.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tracktion.testsupport.Postgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The API gateway started in-process on a free port against a test database, and an HTTP client for it. */
public final class RunningApi implements AutoCloseable {

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningApi(EmbeddedServer server) {
        this.server = server;
    }

    public static RunningApi start(Postgres postgres, String database) {
        return start(postgres, database, Map.of());
    }

    /** Starts the application with {@code overrides} on top of the test database's settings. */
    public static RunningApi start(Postgres postgres, String database, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "datasources.default.url", postgres.jdbcUrl(database),
                "datasources.default.username", Postgres.USER,
                "datasources.default.password", Postgres.PASSWORD,
                "micronaut.server.port", -1,
                // Nothing listens on the discard port: no test depends on what runs on this machine's 8085.
                "schema-registry.url", "http://127.0.0.1:9"));
        properties.putAll(overrides);
        return new RunningApi(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    /** GET a path with its query, e.g. {@code /api/v1/sales?limit=5}; the query must be URL-encoded already. */
    public ApiResponse get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
