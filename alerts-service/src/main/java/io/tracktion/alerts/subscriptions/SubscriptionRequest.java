package io.tracktion.alerts.subscriptions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The body of {@code POST /api/v1/subscriptions}, as the client sent it: every field may be missing or wrong, and
 * {@link SubscriptionRules} says which and why.
 */
@Serdeable
public record SubscriptionRequest(@Nullable String email, @Nullable Target target, @Nullable List<String> kinds,
                                  @Nullable String channel, @Nullable String webhookUrl, @Nullable String webhookFormat,
                                  @Nullable String timeZone, @Nullable QuietHours quietHours, @Nullable String digest) {

    /** What to follow: a dimension and an entity, named by its id or (artists, labels, releases) its Bandcamp URL. */
    @Serdeable
    public record Target(@Nullable String dimension, @Nullable String id, @Nullable String url) {
    }

    /** Local times, {@code HH:mm}, in the subscription's time zone; {@code from} may be after {@code to} (overnight). */
    @Serdeable
    public record QuietHours(@Nullable String from, @Nullable String to) {
    }
}
