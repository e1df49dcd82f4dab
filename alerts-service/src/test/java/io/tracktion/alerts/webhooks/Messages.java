package io.tracktion.alerts.webhooks;

import io.micronaut.json.JsonMapper;
import io.tracktion.alerts.delivery.Rendered;
import io.tracktion.alerts.delivery.StoredAlert;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhook messages for the tests, and JSON read back. */
final class Messages {

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final UUID DELIVERY = UUID.fromString("3f1b2c4d-0000-4000-8000-000000000001");
    static final UUID SUBSCRIPTION = UUID.fromString("3f1b2c4d-0000-4000-8000-000000000002");
    static final String ENTITY = "https://tracktion.example/api/v1/artists/abcdefghijklmnop";
    static final String UNSUBSCRIBE = "https://tracktion.example/api/v1/subscriptions/unsubscribe?token=u1&x=2";

    private Messages() {
    }

    static WebhookMessage message(String subject, String text, List<StoredAlert> alerts) {
        return new WebhookMessage(DELIVERY, SUBSCRIPTION, new Rendered(subject, text, "<p>unused</p>"), alerts,
                ENTITY, UNSUBSCRIBE);
    }

    static WebhookMessage firstSale() {
        return message("Tracktion: Night Owls: first sale seen by Tracktion",
                "Night Owls: first sale seen by Tracktion\n\n- first sale for USD 7.00 to DE\n", List.of(
                        new StoredAlert("s1", "first_sale", Instant.parse("2026-12-01T10:00:00Z"),
                                Map.of("entityName", "Night Owls", "observed", "7.00", "country", "DE"))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(byte[] json) throws IOException {
        return JSON.readValue(json, Map.class);
    }
}
