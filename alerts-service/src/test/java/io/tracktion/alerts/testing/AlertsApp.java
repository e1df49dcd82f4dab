package io.tracktion.alerts.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tracktion.testsupport.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * The alerts service in this JVM against a test database, broker, registry and SMTP server; its links point at
 * itself, so a test follows them as a subscriber would.
 */
public final class AlertsApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final URI base;

    private AlertsApp(ApplicationContext context, EmbeddedServer server, URI base) {
        this.context = context;
        this.server = server;
        this.base = base;
    }

    /**
     * @param kafka bootstrap servers, or null to run without Kafka (the API only)
     * @param more  further properties, e.g. {@code alerts.dispatch-enabled=false}
     */
    public static AlertsApp start(Postgres postgres, String database, String kafka, String registry, int smtpPort,
                                  Map<String, Object> more) {
        int port = freePort();
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", postgres.jdbcUrl(database));
        properties.put("datasources.default.username", Postgres.USER);
        properties.put("datasources.default.password", Postgres.PASSWORD);
        properties.put("micronaut.server.port", port);
        properties.put("alerts.public-base-url", "http://127.0.0.1:" + port);
        properties.put("alerts.dispatch-interval", "100ms");
        properties.put("smtp.host", "127.0.0.1");
        properties.put("smtp.port", smtpPort);
        properties.put("schema-registry.url", registry == null ? "http://127.0.0.1:9" : registry);
        if (kafka == null) {
            properties.put("kafka.enabled", false);
        } else {
            properties.put("kafka.bootstrap.servers", kafka);
        }
        properties.putAll(more);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        return new AlertsApp(server.getApplicationContext(), server, URI.create("http://127.0.0.1:" + port));
    }

    public ApplicationContext context() {
        return context;
    }

    public URI base() {
        return base;
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(resolve(pathOrUrl)).GET().build());
    }

    public HttpResponse<String> delete(String pathOrUrl) {
        return send(HttpRequest.newBuilder(resolve(pathOrUrl)).DELETE().build());
    }

    /** A POST as a mail client's one-click unsubscribe sends it (RFC 8058). */
    public HttpResponse<String> oneClick(String url) {
        return send(HttpRequest.newBuilder(resolve(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
