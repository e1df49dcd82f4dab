package io.tracktion.alerts.webhooks;

import io.tracktion.alerts.delivery.Rendered;
import io.tracktion.alerts.delivery.StoredAlert;
import java.util.List;
import java.util.UUID;

/**
 * One message to a webhook: the same alerts as an e-mail would carry, with the entity and unsubscribe links (not the
 * manage link, which signs in as the subscriber and is for their inbox only, not a shared channel).
 *
 * @param deliveryId unique and stable: the same when a message is sent again after a crash, so a receiver can drop a
 *                   repeat (header {@code X-Tracktion-Delivery})
 * @param rendered   subject and plain text, for the chat formats
 */
public record WebhookMessage(UUID deliveryId, UUID subscriptionId, Rendered rendered, List<StoredAlert> alerts,
                             String entityLink, String unsubscribeLink) {
}
