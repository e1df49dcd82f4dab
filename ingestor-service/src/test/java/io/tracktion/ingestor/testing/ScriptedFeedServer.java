package io.tracktion.ingestor.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for Bandcamp's sales feed on 127.0.0.1: answers with scripted responses and records every
 * request with its arrival time.
 */
public final class ScriptedFeedServer implements AutoCloseable {

    /** A request as the server saw it; {@code startDate} is null for get_initial. */
    public record Request(Instant at, String path, Long startDate, String userAgent) {
        public boolean isInitial() {
            return path.endsWith("/get_initial");
        }
    }

    public record Response(int status, String body, Map<String, String> headers) {
        public static Response json(String body) {
            return new Response(200, body, Map.of("Content-Type", "application/json"));
        }

        public static Response status(int status, String body) {
            return new Response(status, body, Map.of());
        }

        public static Response tooManyRequests(String retryAfter) {
            return new Response(429, "slow down", Map.of("Retry-After", retryAfter));
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Function<Request, Response> script;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ScriptedFeedServer(Function<Request, Response> script) {
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/salesfeed/1/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Answers each request with {@code script}. */
    public static ScriptedFeedServer start(Function<Request, Response> script) {
        return new ScriptedFeedServer(script);
    }

    /** Answers the responses in order, then {@code whenDone} for ever. */
    public static ScriptedFeedServer inOrder(Response whenDone, Response... responses) {
        Deque<Response> queue = new ArrayDeque<>(List.of(responses));
        return new ScriptedFeedServer(request -> {
            synchronized (queue) {
                return queue.isEmpty() ? whenDone : queue.poll();
            }
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            Long startDate = query != null && query.startsWith("start_date=")
                    ? Long.valueOf(query.substring("start_date=".length())) : null;
            Request request = new Request(Instant.now(), exchange.getRequestURI().getPath(), startDate,
                    exchange.getRequestHeaders().getFirst("User-Agent"));
            requests.add(request);
            Response response = script.apply(request);
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
