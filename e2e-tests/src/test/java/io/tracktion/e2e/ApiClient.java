package io.tracktion.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The API gateway as a REST client sees it. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(URI base) {
        this.base = base;
    }

    /** The summary over all time. */
    Summary summary() {
        JsonNode body = get("/api/v1/stats/summary");
        return new Summary(body.get("items").asLong(), body.get("carts").asLong(),
                body.get("revenueUsd").decimalValue(), body.get("artists").asLong(), body.get("countries").asLong());
    }

    /** Every sale, walking all pages of {@code /api/v1/sales}. */
    List<JsonNode> allSales() {
        List<JsonNode> sales = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/api/v1/sales?limit=500" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = get(query);
            page.get("items").forEach(sales::add);
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return sales;
    }

    /** POST a body to a path of the gateway. */
    HttpResponse<String> post(String path, String json) {
        return postAbsolute(base.resolve(path).toString(), json, "application/json");
    }

    /** POST to a full URL, such as a link in a mail. */
    HttpResponse<String> postAbsolute(String url, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** GET a full URL, such as a link in a mail. */
    HttpResponse<String> getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Summary(long items, long carts, BigDecimal revenueUsd, long artists, long countries) {

        /** Compares money by value: 12.3 equals 12.30. */
        boolean sameAs(Summary other) {
            return items == other.items && carts == other.carts && revenueUsd.compareTo(other.revenueUsd) == 0
                    && artists == other.artists && countries == other.countries;
        }
    }
}
