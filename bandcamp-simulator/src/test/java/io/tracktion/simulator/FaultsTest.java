package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracktion.simulator.faults.Corruption;
import io.tracktion.simulator.feed.Ledger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each injectable fault, through the Java API and the admin endpoint; faults never change the clean data. */
@Timeout(30)
class FaultsTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:42Z");
    private static final long FLOORED = NOW.getEpochSecond() - 42;

    private BandcampSimulator simulator;
    /** Same seed and clock, never faulted: the reference for "un-corrupted data is unchanged". */
    private BandcampSimulator twin;
    private FeedClient client;
    private FeedClient twinClient;

    @BeforeEach
    void start() {
        simulator = BandcampSimulator.builder().seed(42).clock(SimClock.manual(NOW)).build().start();
        twin = BandcampSimulator.builder().seed(42).clock(SimClock.manual(NOW)).build().start();
        client = new FeedClient(simulator.baseUrl());
        twinClient = new FeedClient(twin.baseUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
        twin.close();
    }

    @Test
    void rateLimitedRequestsGet429WithRetryAfterThenRecover() {
        simulator.faults().rateLimited(2, Duration.ofSeconds(7));
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> response = client.get("/api/salesfeed/1/get_initial");
            assertEquals(429, response.statusCode());
            assertEquals("7", response.headers().firstValue("Retry-After").orElse(null));
        }
        assertEquals(0, simulator.ledger().items(), "refused requests serve nothing");
        assertArrayEquals(twinClient.initialBytes(), client.initialBytes());
        assertTrue(simulator.faults().pending().isEmpty());
    }

    @Test
    void faultsStrikeInTheOrderQueued() {
        simulator.faults().serverError(1).rateLimited(1, Duration.ofSeconds(1)).serverError(1);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(client.get("/api/salesfeed/1/get?start_date=" + (FLOORED - 3000)).statusCode());
        }
        assertEquals(List.of(500, 429, 500, 200), statuses);
    }

    @Test
    void serverErrorIs500WithAnHtmlBody() {
        simulator.faults().serverError(1);
        HttpResponse<byte[]> response = client.get("/api/salesfeed/1/get?start_date=" + (FLOORED - 600));
        assertEquals(500, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(0, simulator.ledger().items());
    }

    @Test
    void slowResponseArrivesAfterTheDelayAndIsComplete() {
        simulator.faults().slow(1, Duration.ofMillis(1500));
        long started = System.nanoTime();
        byte[] body = client.windowBytes(FLOORED - 600);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis >= 1500, "answered after " + elapsedMillis + " ms");
        assertArrayEquals(twinClient.windowBytes(FLOORED - 600), body);
        assertTrue(simulator.ledger().items() > 0);
    }

    @Test
    void slowResponseTimesOutAnImpatientClient() {
        simulator.faults().slow(1, Duration.ofSeconds(5));
        HttpRequest impatient = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/salesfeed/1/get_initial"))
                .timeout(Duration.ofMillis(200)).build();
        assertThrows(java.io.UncheckedIOException.class, () -> client.send(impatient));
    }

    @Test
    void truncatedJsonIs200ButUnparseable() {
        simulator.faults().truncatedJson(1);
        HttpResponse<byte[]> response = client.get("/api/salesfeed/1/get?start_date=" + (FLOORED - 600));
        assertEquals(200, response.statusCode());
        assertThrows(JsonProcessingException.class, () -> FeedClient.JSON.readTree(response.body()));
        byte[] clean = twinClient.windowBytes(FLOORED - 600);
        assertTrue(new String(clean, StandardCharsets.UTF_8).startsWith(new String(response.body(), StandardCharsets.UTF_8)));
        assertEquals(0, simulator.ledger().items(), "a truncated window is not served");
    }

    @Test
    void htmlErrorPageIs200WithHtml() {
        simulator.faults().htmlErrorPage(1);
        HttpResponse<byte[]> response = client.get("/api/salesfeed/1/get_initial");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("<!DOCTYPE html>"));
        assertThrows(JsonProcessingException.class, () -> FeedClient.JSON.readTree(response.body()));
        assertEquals(0, simulator.ledger().items());
    }

    @Test
    void rewindServesAWindowOverlappingWhatWasAskedFor() {
        simulator.faults().rewind(1, Duration.ofSeconds(300));
        JsonNode overlapping = client.window(FLOORED - 600);
        assertEquals(FLOORED - 900, overlapping.get("start_date").asLong());
        assertEquals(FLOORED - 300, overlapping.get("end_date").asLong());
        assertEquals(twinClient.window(FLOORED - 900), overlapping, "the same sales as a plain window over that span");
        assertEquals(FLOORED, client.window(FLOORED - 600).get("end_date").asLong(), "one request only");
    }

    @Test
    void corruptAmountDamagesOneItemAndLeavesTheRestByteForByte() {
        simulator.faults().corruptItem(1, Corruption.AMOUNT_NOT_A_NUMBER);
        JsonNode damaged = client.window(FLOORED - 600);
        JsonNode clean = twinClient.window(FLOORED - 600);

        List<JsonNode> damagedItems = FeedClient.items(List.of(damaged));
        List<JsonNode> cleanItems = FeedClient.items(List.of(clean));
        assertEquals(cleanItems.size(), damagedItems.size());
        int differences = 0;
        for (int i = 0; i < cleanItems.size(); i++) {
            if (!cleanItems.get(i).equals(damagedItems.get(i))) {
                differences++;
                assertEquals("abc", damagedItems.get(i).get("amount_paid").textValue());
                assertEquals(withoutAmount(cleanItems.get(i)), withoutAmount(damagedItems.get(i)));
            }
        }
        assertEquals(1, differences);

        Ledger ledger = simulator.ledger();
        assertEquals(cleanItems.size() - 1, ledger.items());
        assertEquals(1, ledger.corruptedItems().size());
        assertEquals(Corruption.AMOUNT_NOT_A_NUMBER, ledger.corruptedItems().get(0).corruption());
        String corruptedTime = ledger.corruptedItems().get(0).original().utcDate();
        assertTrue(ledger.servedItems().stream().noneMatch(i -> i.utcDate().equals(corruptedTime)));
        assertEquals(1, FeedClient.parse(client.get("/_sim/ledger").body()).get("corrupted_items").asInt());

        // The fault is spent: the same window is clean again (and its repaired item now counts as valid).
        assertArrayEquals(twinClient.windowBytes(FLOORED - 600), client.windowBytes(FLOORED - 600));
        assertEquals(cleanItems.size(), ledger.items());
    }

    @Test
    void corruptItemTypeWaitsForAWindowWithSales() {
        simulator.faults().corruptItem(1, Corruption.UNKNOWN_ITEM_TYPE);
        assertEquals(List.of("server_time"), FeedWindowTest.fieldNames(client.window(FLOORED)), "caught up: nothing to damage");
        assertEquals(List.of("CORRUPT_ITEM(UNKNOWN_ITEM_TYPE)"), simulator.faults().pending());

        List<JsonNode> items = FeedClient.items(List.of(client.window(FLOORED - 1200)));
        assertEquals(1, items.stream().filter(i -> i.get("item_type").asText().equals("z")).count());
        assertEquals(items.size() - 1, simulator.ledger().items());
        assertEquals(Corruption.UNKNOWN_ITEM_TYPE, simulator.ledger().corruptedItems().get(0).corruption());
        assertTrue(simulator.faults().pending().isEmpty());
    }

    @Test
    void adminEndpointQueuesListsAndClearsFaults() {
        assertEquals(200, admin("POST", "?type=server_error&count=2").statusCode());
        assertEquals(500, client.get("/api/salesfeed/1/get_initial").statusCode());

        HttpResponse<byte[]> queued = admin("POST", "?type=rate_limited&count=1&retry_after=3");
        JsonNode pending = FeedClient.parse(queued.body()).get("pending");
        assertEquals(2, pending.size(), pending.toString());
        assertEquals(500, client.get("/api/salesfeed/1/get_initial").statusCode());
        HttpResponse<byte[]> limited = client.get("/api/salesfeed/1/get_initial");
        assertEquals(429, limited.statusCode());
        assertEquals("3", limited.headers().firstValue("Retry-After").orElse(null));

        admin("POST", "?type=slow&delay_ms=10");
        admin("POST", "?type=truncated");
        admin("POST", "?type=html&count=3");
        admin("POST", "?type=corrupt&corruption=item_type");
        assertEquals(4, FeedClient.parse(admin("GET", "").body()).get("pending").size());
        assertEquals(0, FeedClient.parse(admin("DELETE", "").body()).get("pending").size());
        assertEquals(200, client.get("/api/salesfeed/1/get_initial").statusCode());

        for (String bad : List.of("", "?type=nope", "?type=server_error&count=0", "?type=slow&delay_ms=x",
                "?type=corrupt&corruption=everything")) {
            assertEquals(400, admin("POST", bad).statusCode(), bad);
        }
        assertEquals(405, admin("PUT", "").statusCode());
    }

    private static JsonNode withoutAmount(JsonNode item) {
        ObjectNode copy = item.deepCopy();
        return copy.without("amount_paid");
    }

    private HttpResponse<byte[]> admin(String method, String query) {
        return client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/_sim/faults" + query))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
