package io.tracktion.api.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An HTTP answer of the API as a client receives it.
 *
 * @param status      the status code
 * @param contentType the Content-Type header, "" when absent
 * @param body        the body as text
 */
public record ApiResponse(int status, String contentType, String body) {

    /** Reads decimals as BigDecimal, so money compares exactly. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }
}
