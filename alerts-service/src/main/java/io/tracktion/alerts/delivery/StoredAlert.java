package io.tracktion.alerts.delivery;

import java.time.Instant;
import java.util.Map;

/** An alert as a message carries it. */
public record StoredAlert(String sourceId, String kind, Instant at, Map<String, Object> payload) {

    public String text(String key) {
        Object value = payload.get(key);
        return value == null ? null : value.toString();
    }
}
