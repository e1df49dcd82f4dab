package io.tracktion.alerts.subscriptions;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** A stored subscription (table alerts.subscription). */
public record Subscription(UUID id, String email, String recipient, String dimension, String entityId,
                           @Nullable String entityUrl, List<String> kinds, String channel, @Nullable URI webhookUrl,
                           @Nullable String webhookFormat, @Nullable String webhookSecret, ZoneId timeZone,
                           @Nullable LocalTime quietFrom, @Nullable LocalTime quietTo, String digest, String status,
                           @Nullable String statusReason, Instant createdAt, @Nullable Instant confirmedAt,
                           @Nullable Instant lastSpikeAt) {

    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String DISABLED = "disabled";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean hasQuietHours() {
        return quietFrom != null && quietTo != null;
    }
}
