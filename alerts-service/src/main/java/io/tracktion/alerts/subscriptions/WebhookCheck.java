package io.tracktion.alerts.subscriptions;

import java.net.URI;

/** Refuses a webhook URL the service will not call (see {@code io.tracktion.alerts.webhooks}). */
public interface WebhookCheck {

    /** @throws io.tracktion.alerts.problem.InvalidRequestException naming field webhookUrl and why */
    void check(URI url);
}
