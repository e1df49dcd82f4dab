package io.tracktion.api.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tracktion.testsupport.Postgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway forwards {@code /api/v1/subscriptions} to alerts-service as it came, and answers 503 problem+json when
 * that service is away. Against a real HTTP server standing in for alerts-service.
 */
class SubscriptionsProxyTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    record Seen(String method, String pathAndQuery, String contentType, String body) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static HttpServer alerts;
    static EmbeddedServer gateway;
    static EmbeddedServer gatewayWithoutAlerts;

    @BeforeAll
    static void start() throws IOException {
        alerts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alerts.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            SEEN.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            byte[] answer = "{\"id\":\"b1e4\",\"status\":\"pending\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-From", "alerts");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 202 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        alerts.start();
        String database = POSTGRES.newMigratedDatabase();
        gateway = gateway(database, "http://127.0.0.1:" + alerts.getAddress().getPort());
        gatewayWithoutAlerts = gateway(database, "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stop() {
        gateway.getApplicationContext().close();
        gatewayWithoutAlerts.getApplicationContext().close();
        alerts.stop(0);
    }

    @Test
    void requestsAreForwardedAsTheyCameAndAnsweredAsAlertsServiceAnswers() throws Exception {
        SEEN.clear();
        HttpResponse<String> created = send(gateway, "POST", "/api/v1/subscriptions", "{\"email\":\"fan@example.com\"}",
                "application/json");
        assertThat(created.statusCode()).isEqualTo(202);
        assertThat(created.body()).isEqualTo("{\"id\":\"b1e4\",\"status\":\"pending\"}");
        assertThat(created.headers().firstValue("X-From")).hasValue("alerts");

        send(gateway, "GET", "/api/v1/subscriptions/confirm?token=abc.def", null, null);
        send(gateway, "POST", "/api/v1/subscriptions/unsubscribe?token=x-y_z", "List-Unsubscribe=One-Click",
                "application/x-www-form-urlencoded");
        send(gateway, "DELETE", "/api/v1/subscriptions/1b2c?token=t", null, null);

        assertThat(SEEN).containsExactly(
                new Seen("POST", "/api/v1/subscriptions", "application/json", "{\"email\":\"fan@example.com\"}"),
                new Seen("GET", "/api/v1/subscriptions/confirm?token=abc.def", null, ""),
                new Seen("POST", "/api/v1/subscriptions/unsubscribe?token=x-y_z", "application/x-www-form-urlencoded",
                        "List-Unsubscribe=One-Click"),
                new Seen("DELETE", "/api/v1/subscriptions/1b2c?token=t", null, ""));
    }

    @Test
    void otherPathsStayWithTheGateway() throws Exception {
        SEEN.clear();
        assertThat(send(gateway, "GET", "/api/v1/subscriptionsx", null, null).statusCode()).isEqualTo(404);
        assertThat(send(gateway, "GET", "/api/v1/sales?limit=1", null, null).statusCode()).isEqualTo(200);
        assertThat(SEEN).isEmpty();
    }

    @Test
    void whenAlertsServiceIsAwayTheClientGetsA503Problem() throws Exception {
        HttpResponse<String> response = send(gatewayWithoutAlerts, "POST", "/api/v1/subscriptions", "{}", "application/json");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":503", "alerts service");
    }

    private static EmbeddedServer gateway(String database, String alertsUrl) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", POSTGRES.jdbcUrl(database),
                "datasources.default.username", Postgres.USER,
                "datasources.default.password", Postgres.PASSWORD,
                "micronaut.server.port", -1,
                "schema-registry.url", "http://127.0.0.1:9",
                "alerts.url", alertsUrl));
    }

    private static HttpResponse<String> send(EmbeddedServer server, String method, String pathAndQuery, String body,
                                             String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
