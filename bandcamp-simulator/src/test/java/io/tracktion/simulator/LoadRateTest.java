package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load-test rates in a small heap: at 60,000 sales a minute (1,000 a second) a ten-minute window is 600,000 items,
 * some 400 MB of JSON. The simulator, as its own process with a 256 MB heap, streams it whole and stays up.
 */
@Timeout(240)
class LoadRateTest {

    @Test
    void servesATenMinuteWindowAtAThousandSalesASecondIn256Megabytes() throws Exception {
        try (SimulatorProcess simulator = SimulatorProcess.start(Map.of("SIM_PORT", "0",
                "SIM_SALES_PER_MINUTE", "60000", "SIM_WINDOW_SECONDS", "600"), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError")) {
            String baseUrl = simulator.baseUrl();
            assertNotNull(baseUrl, "startup line in " + simulator.output());
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> window = client.send(HttpRequest.newBuilder(URI.create(baseUrl
                    + "/api/salesfeed/1/get_initial")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, window.statusCode());
            long items = countItems(window.body());

            // About 600,000 (Poisson): far more than a whole window in memory would allow in 256 MB.
            assertTrue(items > 550_000 && items < 650_000, "items in the window: " + items);
            String ledger = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sim/ledger")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(items, new ObjectMapper().readTree(ledger).get("items").asLong(), ledger);
            assertTrue(simulator.process().isAlive(), "the simulator is still up: " + simulator.output());
        }
    }

    /** Items in a streamed window, counted as the JSON arrives, never held whole. */
    private static long countItems(InputStream body) throws Exception {
        long items = 0;
        try (JsonParser parser = new JsonFactory().createParser(body)) {
            int depth = 0;
            JsonToken token;
            boolean inItems = false;
            int itemsDepth = -1;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    if (token == JsonToken.START_ARRAY && "items".equals(parser.currentName())) {
                        inItems = true;
                        itemsDepth = depth;
                    } else if (token == JsonToken.START_OBJECT && inItems && depth == itemsDepth + 1) {
                        items++;
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    if (token == JsonToken.END_ARRAY && depth == itemsDepth) {
                        inItems = false;
                    }
                    depth--;
                }
            }
        }
        return items;
    }
}
