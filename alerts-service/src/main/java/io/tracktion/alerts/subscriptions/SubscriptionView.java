package io.tracktion.alerts.subscriptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as its owner sees it: never its webhook secret, and its webhook URL masked, since a chat webhook's
 * URL is itself the key that posts to the channel.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(String id, String status, @Nullable String statusReason, Target target,
                               List<String> kinds, String channel, @Nullable String webhookUrl,
                               @Nullable String webhookFormat, String timeZone, @Nullable QuietHours quietHours,
                               String digest, Instant createdAt, @Nullable Instant confirmedAt) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String dimension, String id, @Nullable String url) {
    }

    @Serdeable
    public record QuietHours(String from, String to) {
    }

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id().toString(), s.status(), s.statusReason(),
                new Target(s.dimension(), s.entityId(), s.entityUrl()), s.kinds(), s.channel(),
                s.webhookUrl() == null ? null : masked(s.webhookUrl()), s.webhookFormat(), s.timeZone().getId(),
                s.hasQuietHours() ? new QuietHours(s.quietFrom().toString(), s.quietTo().toString()) : null,
                s.digest(), s.createdAt(), s.confirmedAt());
    }

    /** Scheme, host and the URL's last four characters: enough to tell one's webhooks apart. */
    static String masked(URI url) {
        String text = url.toString();
        return url.getScheme() + "://" + url.getRawAuthority() + "/…" + text.substring(Math.max(0, text.length() - 4));
    }
}
