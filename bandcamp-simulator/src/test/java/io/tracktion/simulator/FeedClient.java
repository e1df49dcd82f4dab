package io.tracktion.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A minimal feed consumer for tests: real HTTP, numbers parsed exactly as their JSON text. */
final class FeedClient {

    /** Floats become BigDecimal from their exact text, as a correct consumer parses money. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    FeedClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET().build());
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    byte[] initialBytes() {
        return ok(get("/api/salesfeed/1/get_initial"));
    }

    byte[] windowBytes(long startDate) {
        return ok(get("/api/salesfeed/1/get?start_date=" + startDate));
    }

    /** The latest window, unwrapped from {@code feed_data}. */
    JsonNode initial() {
        return parse(initialBytes()).get("feed_data");
    }

    JsonNode window(long startDate) {
        return parse(windowBytes(startDate));
    }

    /** Windows from {@code startDate}, each next one requested with the previous end_date, until caught up. */
    List<JsonNode> tileFrom(long startDate) {
        List<JsonNode> windows = new ArrayList<>();
        long cursor = startDate;
        JsonNode window = window(cursor);
        while (window.has("end_date")) {
            windows.add(window);
            cursor = window.get("end_date").asLong();
            window = window(cursor);
        }
        return windows;
    }

    static List<JsonNode> items(List<JsonNode> windows) {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode window : windows) {
            for (JsonNode event : window.path("events")) {
                event.get("items").forEach(items::add);
            }
        }
        return items;
    }

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] ok(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
