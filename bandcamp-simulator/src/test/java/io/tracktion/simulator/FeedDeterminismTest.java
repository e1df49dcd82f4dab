package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sales are a pure function of (seed, time): same seed, same bytes; overlapping windows agree. */
@Timeout(30)
class FeedDeterminismTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:42Z");
    private static final long FLOORED = NOW.getEpochSecond() - 42;

    @Test
    void sameSeedServesTheSameBytesFromSeparateSimulators() {
        try (BandcampSimulator first = simulator(42).start(); BandcampSimulator second = simulator(42).start()) {
            FeedClient a = new FeedClient(first.baseUrl());
            FeedClient b = new FeedClient(second.baseUrl());
            assertArrayEquals(a.initialBytes(), b.initialBytes());
            for (long start = FLOORED - 6 * 3600; start < FLOORED; start += 1234) {
                assertArrayEquals(a.windowBytes(start), b.windowBytes(start), "window at " + start);
            }
            // Asking again (in another order) changes nothing either.
            assertArrayEquals(a.windowBytes(FLOORED - 3600), b.windowBytes(FLOORED - 3600));
        }
    }

    @Test
    void anotherSeedServesOtherSales() {
        try (BandcampSimulator first = simulator(42).start(); BandcampSimulator other = simulator(43).start()) {
            JsonNode a = new FeedClient(first.baseUrl()).initial();
            JsonNode b = new FeedClient(other.baseUrl()).initial();
            assertEquals(a.get("end_date"), b.get("end_date"));
            assertNotEquals(a.get("events"), b.get("events"));
        }
    }

    @Test
    void overlappingWindowsReturnExactlyTheSameCartsForTheSharedTime() {
        try (BandcampSimulator simulator = simulator(42).start()) {
            FeedClient client = new FeedClient(simulator.baseUrl());
            long base = FLOORED - 7200;
            Map<String, String> carts = cartsByTime(List.of(client.window(base), client.window(base + 600)));
            int compared = 0;
            for (long offset : new long[] {1, 59, 60, 299, 301, 450}) {
                JsonNode shifted = client.window(base + offset);
                Map<String, String> shiftedCarts = cartsByTime(List.of(shifted));
                assertFalse(shiftedCarts.isEmpty());
                for (Map.Entry<String, String> cart : shiftedCarts.entrySet()) {
                    assertEquals(carts.get(cart.getKey()), cart.getValue(), "cart at " + cart.getKey());
                    compared++;
                }
                // And the shifted window holds every cart of the union that falls in its range.
                BigDecimal start = shifted.get("start_date").decimalValue();
                BigDecimal end = shifted.get("end_date").decimalValue();
                long expected = carts.keySet().stream().map(BigDecimal::new)
                        .filter(t -> t.compareTo(start) >= 0 && t.compareTo(end) < 0)
                        .count();
                assertEquals(expected, shiftedCarts.size(), "carts in [" + start + ", " + end + ")");
            }
            assertTrue(compared > 500, "compared " + compared + " carts");
        }
    }

    /** Each cart's JSON text keyed by its utc_date text. */
    private static Map<String, String> cartsByTime(List<JsonNode> windows) {
        Map<String, String> carts = new LinkedHashMap<>();
        List<JsonNode> events = new ArrayList<>();
        windows.forEach(w -> w.get("events").forEach(events::add));
        for (JsonNode event : events) {
            carts.put(event.get("utc_date").asText(), event.toString());
        }
        return carts;
    }

    private static BandcampSimulator simulator(long seed) {
        return BandcampSimulator.builder().seed(seed).clock(SimClock.manual(NOW)).build();
    }
}
