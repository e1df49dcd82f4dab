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
 *   <li>take a few ('sending', stamped with the time of the claim, in a transaction of its own, rows locked so
 *       another instance skips them);</li>
 *   <li>per message: renew the claim (if the lease ran out meanwhile and another dispatcher took it, leave it to
 *       that one), gather the subscription's other due alerts into it, hold it if its address had
 *       {@code ALERTS_MAX_PER_HOUR} messages in the last hour, render it;</li>
 *   <li>send it by e-mail or webhook;</li>
 *   <li>record the outcome: sent; or, on failure, due again after a backoff; or, refused for good, failed, and after
 *       {@code ALERTS_MAX_FAILURES} such refusals in a row the subscription is disabled with the reason. Each
 *       outcome is written only while the claim is still this dispatcher's.</li>
 * </ol>
 * A restart before step 3 sends the message afterwards. A restart (SIGTERM) during steps 3 and 4 lets the message
 * in hand finish, recorded, before the service stops, and starts no other. A crash between steps 3 and 4 leaves it
 * 'sending'; after the claim lease it is sent again with the same Message-ID (and webhook delivery id), which mail
 * systems and receivers use to drop the repeat: nothing is lost, and a repeat is recognisable.
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Few at a time: a batch's last message is sent well within the lease of its first. */
    private static final int BATCH = 10;
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofHours(1);
    private static final int RECORD_ATTEMPTS = 3;
    private static final Duration RECORD_RETRY = Duration.ofSeconds(1);
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
                      @Value("${alerts.claim-lease}") Duration lease) {
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
                claimed = jdbc.inTransaction(connection -> deliveries.claim(connection, now, lease, BATCH, MAX_ATTEMPTS));
                for (int i = 0; i < claimed.size(); i++) {
                    inHand.lock();
                    try {
                        if (stopping) {
                            release(claimed.subList(i, claimed.size()));
                            return;
                        }
                        deliver(claimed.get(i));
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
    private record Outgoing(DeliveryStore.Claimed delivery, Subscription subscription, Rendered rendered,
                            WebhookMessage webhook, String unsubscribe) {
    }

    /** Stopping: the claimed messages not started go back to wait their turn, as if never taken. */
    private void release(List<DeliveryStore.Claimed> notStarted) throws SQLException {
        Instant now = clock.instant();
        jdbc.inTransaction(connection -> {
            for (DeliveryStore.Claimed delivery : notStarted) {
                deliveries.later(connection, delivery, now, null, false);
            }
            return null;
        });
    }

    /**
     * A bug of ours with one message (it cannot be rendered, a sender throws) fails that message, logged, under the
     * claim it holds then, rather than stopping every message behind it; it does not count against the subscriber's
     * channel. Once a message has gone, nothing but its record as sent follows.
     */
    private void deliver(DeliveryStore.Claimed claimed) throws SQLException {
        Optional<Outgoing> outgoing;
        try {
            outgoing = jdbc.inTransaction(connection -> prepare(connection, claimed, clock.instant()));
        } catch (RuntimeException e) {
            failOnOurBug(claimed, e); // prepare's transaction rolled back: the claim is still the one taken
            return;
        }
        if (outgoing.isEmpty()) {
            return;
        }
        Outgoing message = outgoing.get();
        DeliveryStore.Claimed delivery = message.delivery();
        try {
            send(delivery, message);
        } catch (DeliveryException e) {
            jdbc.inTransaction(connection -> {
                recordFailure(connection, delivery, message.subscription(), e, clock.instant());
                return null;
            });
            return;
        } catch (RuntimeException e) {
            failOnOurBug(delivery, e);
            return;
        }
        hooks.afterSend(delivery.id());
        recordSent(delivery);
        counters.message(channel(delivery, message.subscription()), "sent");
    }

    private void failOnOurBug(DeliveryStore.Claimed delivery, RuntimeException e) throws SQLException {
        boolean failed = jdbc.inTransaction(connection -> deliveries.failed(connection, delivery, "not sent: " + e));
        LOG.error(failed ? "Delivery {} cannot be sent; failed" : "Delivery {} cannot be sent; another dispatcher has it",
                delivery.id(), e);
    }

    /**
     * The message has gone: its record is retried through a short database hiccup, since a record lost here means the
     * message is sent again after the lease.
     */
    private void recordSent(DeliveryStore.Claimed delivery) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                boolean ours = jdbc.inTransaction(connection -> {
                    subscriptions.succeeded(connection, delivery.subscriptionId());
                    return deliveries.sent(connection, delivery, clock.instant());
                });
                if (!ours) {
                    LOG.warn("Delivery {} was sent after its claim ran out; another dispatcher may send it again",
                            delivery.id());
                }
                return;
            } catch (SQLException e) {
                if (attempt == RECORD_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Cannot record delivery {} as sent (attempt {}); trying again: {}", delivery.id(), attempt,
                        e.toString());
                try {
                    Thread.sleep(RECORD_RETRY.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Optional<Outgoing> prepare(java.sql.Connection connection, DeliveryStore.Claimed claimed, Instant now)
            throws SQLException {
        Optional<DeliveryStore.Claimed> renewed = deliveries.renew(connection, claimed, now);
        if (renewed.isEmpty()) {
            return Optional.empty(); // another dispatcher took it after our lease ran out, or it was cancelled
        }
        DeliveryStore.Claimed delivery = renewed.get();
        Subscription s = subscriptions.find(connection, delivery.subscriptionId()).orElseThrow();
        String unsubscribe = links.unsubscribe(s.id(), now);
        if (delivery.purpose().equals("confirmation")) {
            if (!s.status().equals(Subscription.PENDING)) {
                deliveries.cancel(connection, delivery); // confirmed or ended meanwhile
                return Optional.empty();
            }
            return Optional.of(new Outgoing(delivery, s, renderer.confirmation(s, links.confirm(s.id(), now),
                    links.manage(s.recipient(), now)), null, unsubscribe));
        }
        if (!s.isActive()) {
            deliveries.cancel(connection, delivery);
            return Optional.empty();
        }
        DeliveryStore.Sent recent = deliveries.sentTo(connection, s, now.minus(Duration.ofHours(1)));
        if (recent.count() >= maxPerHour) {
            // Held until the hour since the earliest of them has passed (and past quiet hours); what else is due by
            // then joins it.
            deliveries.later(connection, delivery, DeliveryTimes.notQuiet(s, recent.earliest().plus(Duration.ofHours(1))),
                    null, false);
            counters.held();
            return Optional.empty();
        }
        deliveries.absorbDue(connection, delivery, now);
        List<StoredAlert> alerts = deliveries.alertsOf(connection, delivery.id());
        if (alerts.isEmpty()) {
            deliveries.cancel(connection, delivery);
            return Optional.empty();
        }
        String entity = links.entity(s.dimension(), s.entityId());
        if (s.channel().equals("webhook")) {
            // The manage link signs in as the subscriber: it goes to their own inbox, never to a webhook's channel.
            Rendered rendered = renderer.alerts(s, alerts, entity, unsubscribe, null);
            return Optional.of(new Outgoing(delivery, s, rendered,
                    new WebhookMessage(delivery.id(), s.id(), rendered, alerts, entity, unsubscribe), unsubscribe));
        }
        Rendered rendered = renderer.alerts(s, alerts, entity, unsubscribe, links.manage(s.recipient(), now));
        return Optional.of(new Outgoing(delivery, s, rendered, null, unsubscribe));
    }

    /** Confirmations always go by e-mail; alerts by the subscription's channel. */
    private static String channel(DeliveryStore.Claimed delivery, Subscription s) {
        return delivery.purpose().equals("confirmation") ? "email" : s.channel();
    }

    private void send(DeliveryStore.Claimed delivery, Outgoing message) throws DeliveryException {
        hooks.beforeSend(delivery.id());
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
            Instant due = now.plus(wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait);
            if (deliveries.later(connection, delivery, alertsOnly(delivery, s, due), error, true)) {
                LOG.info("Delivery {} not sent (attempt {}), trying again later: {}", delivery.id(), delivery.attempts(),
                        error);
                counters.message(channel(delivery, s), "retried");
            }
            return;
        }
        if (!deliveries.failed(connection, delivery, error)) {
            return; // another dispatcher holds it now
        }
        counters.message(channel(delivery, s), "failed");
        int failures = subscriptions.failed(connection, s.id());
        LOG.warn("Delivery {} failed for good ({} in a row for subscription {}): {}", delivery.id(), failures, s.id(), error);
        if (failures >= maxFailures && subscriptions.disable(connection, s.id(),
                channelName(s) + " failed " + failures + " times in a row; the last time: " + error, now)) {
            outbox.cancelPending(connection, s.id());
        }
    }

    /** Alerts keep the subscriber's quiet hours when retried; a confirmation was asked for just now. */
    private static Instant alertsOnly(DeliveryStore.Claimed delivery, Subscription s, Instant due) {
        return delivery.purpose().equals("confirmation") ? due : DeliveryTimes.notQuiet(s, due);
    }

    private static String channelName(Subscription s) {
        return s.channel().equals("email") ? "e-mail to " + s.email() : "the webhook";
    }
}
