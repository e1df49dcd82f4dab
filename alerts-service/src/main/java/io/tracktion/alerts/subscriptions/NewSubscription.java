package io.tracktion.alerts.subscriptions;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A valid subscription request, normalised: the entity resolved to its id, defaults filled in.
 *
 * @param recipient the address in lower case, to find all of one person's subscriptions
 * @param entityUrl the canonical Bandcamp URL it was named by, if it was
 */
public record NewSubscription(String email, String recipient, String dimension, String entityId,
                              @Nullable String entityUrl, List<String> kinds, String channel, @Nullable URI webhookUrl,
                              @Nullable String webhookFormat, ZoneId timeZone, @Nullable LocalTime quietFrom,
                              @Nullable LocalTime quietTo, String digest) {
}
