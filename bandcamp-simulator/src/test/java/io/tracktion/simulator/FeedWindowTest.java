package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The feed's windows: where they start and end, how they tile, and what is refused. */
@Timeout(30)
class FeedWindowTest {

    /** 12:00:42 UTC: mid-minute, so flooring to the minute is visible. */
    private static final Instant NOW = Instant.parse("2025-06-15T12:00:42Z");
    private static final long FLOORED = NOW.getEpochSecond() - 42;

    private ManualClock clock;
    private BandcampSimulator simulator;
    private FeedClient client;

    @BeforeEach
    void start() {
        clock = SimClock.manual(NOW);
        simulator = BandcampSimulator.builder().seed(42).clock(clock).build().start();
        client = new FeedClient(simulator.baseUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void initialWindowIsTheLastTenMinutesWrappedInFeedData() {
        JsonNode body = FeedClient.parse(client.initialBytes());
        assertEquals(List.of("feed_data"), fieldNames(body));
        JsonNode window = body.get("feed_data");
        assertEquals(List.of("start_date", "end_date", "data_delay_sec", "events", "server_time"), fieldNames(window));
        assertEquals(FLOORED, window.get("end_date").asLong());
        assertEquals(FLOORED - 600, window.get("start_date").asLong());
        assertEquals(120, window.get("data_delay_sec").asInt());
        assertEquals(NOW.getEpochSecond(), window.get("server_time").asLong());
        assertFalse(window.get("events").isEmpty(), "30 sales a minute fill ten minutes");
        assertAllCartsWithin(window);
    }

    @Test
    void getCoversTenMinutesFromStartOrUpToTheLastFullMinute() {
        JsonNode full = client.window(FLOORED - 1200);
        assertEquals(FLOORED - 1200, full.get("start_date").asLong());
        assertEquals(FLOORED - 600, full.get("end_date").asLong());
        assertAllCartsWithin(full);

        long unaligned = FLOORED - 217;
        JsonNode partial = client.window(unaligned);
        assertEquals(List.of("start_date", "end_date", "data_delay_sec", "events", "server_time"), fieldNames(partial));
        assertEquals(unaligned, partial.get("start_date").asLong());
        assertEquals(FLOORED, partial.get("end_date").asLong());
        assertAllCartsWithin(partial);
    }

    @Test
    void caughtUpAnswerIsOnlyServerTime() {
        for (long start : new long[] {FLOORED, FLOORED + 30, FLOORED + 86_400, Long.MAX_VALUE}) {
            JsonNode body = client.window(start);
            assertEquals(List.of("server_time"), fieldNames(body), "start " + start);
            assertEquals(NOW.getEpochSecond(), body.get("server_time").asLong());
        }
    }

    @Test
    void pollingWithEachEndDateTilesTimeWithoutGapsOrRepeats() {
        JsonNode initial = client.initial();
        long cursor = initial.get("end_date").asLong();
        Set<String> seenCarts = new HashSet<>();
        initial.get("events").forEach(e -> assertTrue(seenCarts.add(e.get("utc_date").asText())));
        int windows = 1;
        for (int poll = 0; poll < 40; poll++) {
            clock.advance(Duration.ofSeconds(45)); // a poller a little slower than the feed's minutes
            JsonNode window = client.window(cursor);
            if (!window.has("end_date")) {
                assertEquals(List.of("server_time"), fieldNames(window));
                continue;
            }
            assertEquals(cursor, window.get("start_date").asLong(), "next window starts at the previous end");
            assertAllCartsWithin(window);
            window.get("events").forEach(e -> assertTrue(seenCarts.add(e.get("utc_date").asText()), "repeated cart"));
            cursor = window.get("end_date").asLong();
            windows++;
        }
        assertTrue(windows > 20, "most polls found a new minute: " + windows);
        long now = clock.now().getEpochSecond();
        assertEquals(now - Math.floorMod(now, 60), cursor, "caught up to the last full minute");

        // Every cart the tiles held is exactly the carts of one big window over the same time.
        Set<String> expected = new HashSet<>();
        long from = initial.get("start_date").asLong();
        for (long start = from; start < cursor; start += 600) {
            client.window(start).get("events").forEach(e -> expected.add(e.get("utc_date").asText()));
        }
        assertEquals(expected, seenCarts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?start_date=", "?start_date=abc", "?start_date=1.5", "?start_date=-60", "?other=1",
            "?start_date=%20", "?start_date=99999999999999999999"})
    void badStartDateIs400WithJsonError(String query) {
        HttpResponse<byte[]> response = client.get("/api/salesfeed/1/get" + query);
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode error = FeedClient.parse(response.body());
        assertTrue(error.get("error").asBoolean());
        assertFalse(error.get("error_message").asText().isBlank());
    }

    @Test
    void otherMethodsAndPathsAreRefused() {
        HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/salesfeed/1/get_initial"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, post.statusCode());
        assertEquals(404, client.get("/api/salesfeed/2/get_initial").statusCode());
        assertEquals(0, simulator.ledger().items(), "refused requests serve nothing");
    }

    @Test
    void healthIsUp() {
        HttpResponse<byte[]> response = client.get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", new String(response.body(), StandardCharsets.UTF_8));
    }

    private static void assertAllCartsWithin(JsonNode window) {
        BigDecimal start = BigDecimal.valueOf(window.get("start_date").asLong());
        BigDecimal end = BigDecimal.valueOf(window.get("end_date").asLong());
        for (JsonNode event : window.get("events")) {
            BigDecimal utc = event.get("utc_date").decimalValue();
            assertTrue(utc.compareTo(start) >= 0 && utc.compareTo(end) < 0, utc + " outside [" + start + ", " + end + ")");
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
