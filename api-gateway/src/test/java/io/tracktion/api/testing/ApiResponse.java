package io.tracktion.api.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/**
 * An HTTP answer of the API as a client receives it.
 *
 * @param status      the status code
 * @param contentType the Content-Type header, "" when absent
 * @param body        the body as text
 * @param headers     every header
 */
public record ApiResponse(int status, String contentType, String body, HttpHeaders headers) {

    /** Reads decimals as BigDecimal, so money compares exactly. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    /** A header's first value, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
