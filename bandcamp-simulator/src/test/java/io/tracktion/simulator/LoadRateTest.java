package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load-test rates in a small heap: at 60,000 sales a minute (1,000 a second) a ten-minute window is 600,000 items,
 * some 400 MB of JSON. The simulator, as its own process with a 256 MB heap, streams it whole and stays up.
 */
@Timeout(240)
class LoadRateTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void servesATenMinuteWindowAtAThousandSalesASecondIn256Megabytes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), SimulatorMain.class.getName()).redirectErrorStream(true);
        builder.environment().put("SIM_PORT", "0");
        builder.environment().put("SIM_SALES_PER_MINUTE", "60000");
        builder.environment().put("SIM_WINDOW_SECONDS", "600");
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String baseUrl = null;
            String line;
            while (baseUrl == null && (line = lines.readLine()) != null) {
                output.add(line);
                Matcher matcher = LISTENING.matcher(line);
                baseUrl = matcher.find() ? matcher.group(1) : null;
            }
            assertNotNull(baseUrl, "startup line in " + output);
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
            assertTrue(process.isAlive(), "the simulator is still up: " + output);
        } finally {
            process.destroyForcibly();
            process.waitFor();
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
