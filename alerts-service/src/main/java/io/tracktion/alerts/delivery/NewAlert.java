package io.tracktion.alerts.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * Something to tell one subscription.
 *
 * @param sourceId the signal's id, or {@code sale:<saleId>}: one alert per subscription and source, ever
 * @param at       event time
 * @param payload  what the message states (entity, numbers), as JSON-ready values
 */
public record NewAlert(String sourceId, String kind, Instant at, Map<String, Object> payload) {
}
