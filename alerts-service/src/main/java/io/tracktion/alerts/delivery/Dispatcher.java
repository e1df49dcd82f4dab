package io.tracktion.alerts.delivery;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tracktion.alerts.db.Jdbc;
import io.tracktion.alerts.metrics.AlertCounters;
import io.tracktion.alerts.subscriptions.Subscription;
import io.tracktion.alerts.subscriptions.SubscriptionStore;
import io.tracktion.alerts.webhooks.WebhookMessage;
import io.tracktion.alerts.webhooks.WebhookSender;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the messages that are due, from the outbox the consumers wrote (table alerts.delivery):
 * <ol>
 *   <li>take them ('sending', in a transaction of its own, rows locked so another instance skips them);</li>
 *   <li>per message: gather the subscription's other due alerts into it, hold it if the address had
 *       {@code ALERTS_MAX_PER_HOUR} messages in the last hour, render it;</li>
 *   <li>send it by e-mail or webhook;</li>
 *   <li>record the outcome: sent; or, on failure, due again after a backoff; or, refused for good, failed, and after
 *       {@code ALERTS_MAX_FAILURES} such refusals in a row the subscription is disabled with the reason.</li>
 * </ol>
 * A restart before step 3 sends the message afterwards. A restart (SIGTERM) during steps 3 and 4 lets the message
 * in hand finish, recorded, before the service stops, and starts no other. A crash between steps 3 and 4 leaves it
 * 'sending'; after the claim lease it is sent again with the same Message-ID (and webhook delivery id), which mail
 * systems and receivers use to drop the repeat: nothing is lost, and a repeat is recognisable.
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 20;
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofHours(1);
    /** Longer than a webhook's worst case (redirects, each with its timeout). */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(45);

    private final Jdbc jdbc;
    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final MessageRenderer renderer;
    private final Links links;
    private final EmailSender email;
    private final WebhookSender webhooks;
    private final DispatchHooks hooks;
    private final AlertCounters counters;
    private final boolean enabled;
    private final int maxPerHour;
    private final int maxFailures;
    private final Duration lease;
    private final Clock clock = Clock.systemUTC();
    /** Held while a message is between being sent and being recorded. */
    private final ReentrantLock inHand = new ReentrantLock();
    private volatile boolean stopping;

    public Dispatcher(Jdbc jdbc, DeliveryStore deliveries, SubscriptionStore subscriptions, Outbox outbox,
                      MessageRenderer renderer, Links links, EmailSender email, WebhookSender webhooks,
                      DispatchHooks hooks, AlertCounters counters,
                      @Value("${alerts.dispatch-enabled:true}") boolean enabled,
                      @Value("${alerts.max-per-hour}") int maxPerHour,
                      @Value("${alerts.max-failures}") int maxFailures,
                      @Value("${alerts.claim-lease:1m}") Duration lease) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.renderer = renderer;
        this.links = links;
        this.email = email;
        this.webhooks = webhooks;
        this.hooks = hooks;
        this.counters = counters;
        this.enabled = enabled;
        this.maxPerHour = maxPerHour;
        this.maxFailures = maxFailures;
        this.lease = lease;
    }

    @Scheduled(fixedDelay = "${alerts.dispatch-interval}", initialDelay = "1s")
    void dispatchDue() {
        if (!enabled || stopping) {
            return;
        }
        try {
            List<DeliveryStore.Claimed> claimed;
            do {
                Instant now = clock.instant();
                claimed = jdbc.inTransaction(connection -> deliveries.claim(connection, now, lease, BATCH));
                for (DeliveryStore.Claimed delivery : claimed) {
                    if (stopping) {
                        return; // the rest stay claimed and go after the lease, from this instance or another
                    }
                    inHand.lock();
                    try {
                        deliver(delivery);
                    } finally {
                        inHand.unlock();
                    }
                }
            } while (claimed.size() == BATCH && !stopping);
        } catch (SQLException e) {
            LOG.warn("Cannot dispatch due messages now; trying again shortly: {}", e.toString());
        }
    }

    /**
     * On shutdown (before the database pool closes, which this depends on): no new message is started, and the one in
     * hand is sent and recorded, so a restart between sending and recording does not send it twice.
     */
    @PreDestroy
    void finishTheMessageInHand() throws InterruptedException {
        stopping = true;
        if (inHand.tryLock(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            inHand.unlock();
        } else {
            LOG.warn("A message was still being sent after {}; it is sent again after the claim lease", SHUTDOWN_WAIT);
        }
    }

    /** A message ready to go, or nothing to send now. */
    private record Outgoing(Subscription subscription, Rendered rendered, WebhookMessage webhook, String unsubscribe) {
    }

    private void deliver(DeliveryStore.Claimed delivery) throws SQLException {
        Instant now = clock.instant();
        Optional<Outgoing> outgoing = jdbc.inTransaction(connection -> prepare(connection, delivery, now));
        if (outgoing.isEmpty()) {
            return;
        }
        Outgoing message = outgoing.get();
        try {
            send(delivery, message);
        } catch (DeliveryException e) {
            jdbc.inTransaction(connection -> {
                recordFailure(connection, delivery, message.subscription(), e, clock.instant());
                return null;
            });
            return;
        }
        hooks.afterSend(delivery.id());
        jdbc.inTransaction(connection -> {
            deliveries.sent(connection, delivery.id(), clock.instant());
            subscriptions.succeeded(connection, delivery.subscriptionId());
            return null;
        });
        counters.message(channel(delivery, message.subscription()), "sent");
    }

    private Optional<Outgoing> prepare(java.sql.Connection connection, DeliveryStore.Claimed delivery, Instant now)
            throws SQLException {
        Subscription s = subscriptions.find(connection, delivery.subscriptionId()).orElseThrow();
        String unsubscribe = links.unsubscribe(s.id(), now);
        String manage = links.manage(s.recipient(), now);
        if (delivery.purpose().equals("confirmation")) {
            if (!s.status().equals(Subscription.PENDING)) {
                deliveries.cancel(connection, delivery.id()); // confirmed or ended meanwhile
                return Optional.empty();
            }
            return Optional.of(new Outgoing(s, renderer.confirmation(s, links.confirm(s.id(), now), manage), null,
                    unsubscribe));
        }
        if (!s.isActive()) {
            deliveries.cancel(connection, delivery.id());
            return Optional.empty();
        }
        DeliveryStore.Sent recent = deliveries.sentTo(connection, s.recipient(), now.minus(Duration.ofHours(1)));
        if (recent.count() >= maxPerHour) {
            // Held until the hour since the earliest of them has passed; what else is due by then joins it.
            deliveries.later(connection, delivery.id(), recent.earliest().plus(Duration.ofHours(1)), null, false);
            counters.held();
            return Optional.empty();
        }
        deliveries.absorbDue(connection, delivery, now);
        List<StoredAlert> alerts = deliveries.alertsOf(connection, delivery.id());
        if (alerts.isEmpty()) {
            deliveries.cancel(connection, delivery.id());
            return Optional.empty();
        }
        String entity = links.entity(s.dimension(), s.entityId());
        Rendered rendered = renderer.alerts(s, alerts, entity, unsubscribe, manage);
        WebhookMessage webhook = new WebhookMessage(delivery.id(), s.id(), rendered, alerts, entity, unsubscribe, manage);
        return Optional.of(new Outgoing(s, rendered, webhook, unsubscribe));
    }

    /** Confirmations always go by e-mail; alerts by the subscription's channel. */
    private static String channel(DeliveryStore.Claimed delivery, Subscription s) {
        return delivery.purpose().equals("confirmation") ? "email" : s.channel();
    }

    private void send(DeliveryStore.Claimed delivery, Outgoing message) throws DeliveryException {
        Subscription s = message.subscription();
        if (channel(delivery, s).equals("webhook")) {
            webhooks.send(s.webhookUrl(), s.webhookFormat(), s.webhookSecret(), message.webhook());
        } else {
            email.send(s.email(), message.rendered(), "<" + delivery.id() + "@tracktion>", message.unsubscribe());
        }
    }

    private void recordFailure(java.sql.Connection connection, DeliveryStore.Claimed delivery, Subscription s,
                               DeliveryException e, Instant now) throws SQLException {
        String error = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!e.permanent() && delivery.attempts() < MAX_ATTEMPTS) {
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(delivery.attempts() - 1, 10));
            deliveries.later(connection, delivery.id(), now.plus(wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait),
                    error, true);
            LOG.info("Delivery {} not sent (attempt {}), trying again later: {}", delivery.id(), delivery.attempts(), error);
            counters.message(channel(delivery, s), "retried");
            return;
        }
        deliveries.failed(connection, delivery.id(), error);
        counters.message(channel(delivery, s), "failed");
        int failures = subscriptions.failed(connection, s.id());
        LOG.warn("Delivery {} failed for good ({} in a row for subscription {}): {}", delivery.id(), failures, s.id(), error);
        if (failures >= maxFailures && s.isActive()) {
            String channel = s.channel().equals("email") ? "e-mail to " + s.email() : "the webhook";
            subscriptions.setStatus(connection, s.id(), Subscription.DISABLED,
                    channel + " failed " + failures + " times in a row; the last time: " + error, now);
            outbox.cancelPending(connection, s.id());
        }
    }
}
