package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.simulator.feed.Ledger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ledger agrees with what a client parsed from the responses, and repeats add nothing. */
@Timeout(30)
class LedgerTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:42Z");

    @Test
    void ledgerMatchesWhatTheClientParsed() {
        ManualClock clock = SimClock.manual(NOW);
        try (BandcampSimulator simulator = BandcampSimulator.builder().seed(7).salesPerMinute(45).clock(clock).build().start()) {
            FeedClient client = new FeedClient(simulator.baseUrl());
            List<JsonNode> windows = new ArrayList<>();
            JsonNode initial = client.initial();
            windows.add(initial);
            clock.advance(Duration.ofHours(3));
            windows.addAll(client.tileFrom(initial.get("end_date").asLong()));

            List<JsonNode> items = FeedClient.items(windows);
            Set<String> carts = new HashSet<>();
            windows.forEach(w -> w.get("events").forEach(e -> carts.add(e.get("utc_date").asText())));
            BigDecimal usd = BigDecimal.ZERO;
            Set<String> artists = new HashSet<>();
            Set<String> countries = new HashSet<>();
            Set<String> saleIds = new HashSet<>();
            for (JsonNode item : items) {
                usd = usd.add(item.get("amount_paid_usd").decimalValue().setScale(2, RoundingMode.HALF_UP));
                artists.add(item.get("artist_name").asText());
                countries.add(item.get("country_code").asText());
                saleIds.add(SaleIds.of(item));
            }

            Ledger ledger = simulator.ledger();
            assertEquals(items.size(), ledger.items());
            assertEquals(saleIds.size(), ledger.items(), "every served item is a distinct sale under the sale id rule");
            assertEquals(carts.size(), ledger.carts());
            assertEquals(0, usd.compareTo(ledger.usdTotal()), usd + " vs " + ledger.usdTotal());
            assertEquals(artists, ledger.artists());
            assertEquals(countries, ledger.countries());
            assertTrue(ledger.corruptedItems().isEmpty());
            assertEquals(items.size(), ledger.servedItems().size());
            assertEquals(items.get(0).get("utc_date").asText(), ledger.servedItems().get(0).utcDate());

            JsonNode totals = FeedClient.parse(client.get("/_sim/ledger").body());
            assertEquals(items.size(), totals.get("items").asLong());
            assertEquals(carts.size(), totals.get("carts").asLong());
            assertEquals(usd, totals.get("usd_total").decimalValue());
            assertEquals(artists.size(), totals.get("artists").asInt());
            assertEquals(countries.size(), totals.get("countries").asInt());
            assertEquals(0, totals.get("corrupted_items").asInt());
        }
    }

    @Test
    void servingTheSameTimeAgainRecordsNothingNew() {
        try (BandcampSimulator simulator = BandcampSimulator.builder().seed(42).clock(SimClock.manual(NOW)).build().start()) {
            FeedClient client = new FeedClient(simulator.baseUrl());
            long end = client.initial().get("end_date").asLong();
            Ledger.Totals first = simulator.ledger().totals();
            assertTrue(first.items() > 0);

            client.initial();
            client.window(end - 600);
            client.window(end - 450); // overlaps the initial window only
            assertEquals(first, simulator.ledger().totals());

            client.window(end - 900); // half of it is new
            assertTrue(simulator.ledger().items() > first.items());
        }
    }
}
