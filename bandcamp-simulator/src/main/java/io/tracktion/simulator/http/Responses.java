package io.tracktion.simulator.http;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes complete responses (fixed length, so clients see the whole body or nothing). */
public final class Responses {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    /** Exact decimals, written plain: money totals keep their cents ("12.50", never "1.25E+1"). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Responses() {
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        send(exchange, status, JSON, MAPPER.writeValueAsBytes(body));
    }

    /** An error in the style of Bandcamp's API: {@code {"error": true, "error_message": "..."}}. */
    public static void jsonError(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, MAPPER.createObjectNode().put("error", true).put("error_message", message));
    }

    public static void html(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, HTML, html.getBytes(StandardCharsets.UTF_8));
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
