package io.tracktion.alerts.subscriptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.tracktion.alerts.db.Jdbc;
import io.tracktion.alerts.delivery.DeliveryStore;
import io.tracktion.alerts.delivery.Outbox;
import io.tracktion.alerts.problem.ProblemException;
import io.tracktion.alerts.tokens.Tokens;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** What the subscriptions API does: subscribe, confirm, unsubscribe, list and end one's own subscriptions. */
@Singleton
public class Subscriptions {

    /** Confirmation mails to one address per day at most: the API cannot be used to flood someone's inbox. */
    static final int MAX_CONFIRMATIONS_PER_DAY = 5;

    /** The answer to a new subscription. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, String status, @Nullable String webhookSecret) {
    }

    /** One address's subscriptions. */
    @Serdeable
    public record Owned(String email, List<SubscriptionView> items) {
    }

    private final Jdbc jdbc;
    private final SubscriptionStore store;
    private final DeliveryStore deliveries;
    private final Outbox outbox;
    private final Tokens tokens;
    private final WebhookCheck webhookCheck;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public Subscriptions(Jdbc jdbc, SubscriptionStore store, DeliveryStore deliveries, Outbox outbox, Tokens tokens,
                         WebhookCheck webhookCheck) {
        this.jdbc = jdbc;
        this.store = store;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.tokens = tokens;
        this.webhookCheck = webhookCheck;
    }

    /** Stores a pending subscription and its confirmation mail, in one transaction. */
    public Created subscribe(SubscriptionRequest request) throws SQLException {
        NewSubscription s = SubscriptionRules.check(request);
        if (s.webhookUrl() != null) {
            webhookCheck.check(s.webhookUrl());
        }
        UUID id = UUID.randomUUID();
        String secret = "json".equals(s.webhookFormat()) ? secret() : null;
        Instant now = clock.instant();
        jdbc.inTransaction(connection -> {
            // One request per address at a time, so that simultaneous requests cannot all pass the count below.
            try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "alerts.confirmations:" + s.recipient());
                lock.execute();
            }
            if (deliveries.confirmationsTo(connection, s.recipient(), now.minus(Duration.ofDays(1)))
                    >= MAX_CONFIRMATIONS_PER_DAY) {
                throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "This address was sent "
                        + MAX_CONFIRMATIONS_PER_DAY + " confirmation mails in the last 24 hours; confirm one of those, "
                        + "or try again tomorrow.");
            }
            store.insert(connection, id, s, secret, now);
            outbox.confirmation(connection, id, now);
            return null;
        });
        return new Created(id.toString(), Subscription.PENDING, secret);
    }

    /** Activates the subscription a confirmation token names; confirming twice is fine. */
    public SubscriptionView confirm(String token) throws SQLException {
        UUID id = subject(Tokens.Purpose.CONFIRM, token);
        Instant now = clock.instant();
        return jdbc.inTransaction(connection -> {
            Subscription s = store.lock(connection, id).orElseThrow(Subscriptions::gone);
            if (s.status().equals(Subscription.PENDING)) {
                store.setStatus(connection, id, Subscription.ACTIVE, null, now);
            } else if (!s.isActive()) {
                throw new ProblemException(HttpStatus.CONFLICT, "This subscription is " + s.status()
                        + " and cannot be confirmed any more; subscribe again.");
            }
            return SubscriptionView.of(store.find(connection, id).orElseThrow());
        });
    }

    /** Ends the subscription an unsubscribe token names; ending it twice is fine. */
    public SubscriptionView unsubscribe(String token) throws SQLException {
        return end(subject(Tokens.Purpose.UNSUBSCRIBE, token), null);
    }

    /** The subscriptions of the address a manage token names. */
    public Owned owned(String token) throws SQLException {
        String recipient = tokens.verify(Tokens.Purpose.MANAGE, token, clock.instant()).orElseThrow(Subscriptions::badToken);
        List<SubscriptionView> items = jdbc.inTransaction(connection -> store.ofRecipient(connection, recipient))
                .stream().map(SubscriptionView::of).toList();
        return new Owned(recipient, items);
    }

    /** Ends one of the subscriptions of the address a manage token names. */
    public SubscriptionView endOwned(String id, String token) throws SQLException {
        String recipient = tokens.verify(Tokens.Purpose.MANAGE, token, clock.instant()).orElseThrow(Subscriptions::badToken);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "No subscription " + id + ".");
        }
        return end(uuid, recipient);
    }

    private SubscriptionView end(UUID id, String ownedBy) throws SQLException {
        Instant now = clock.instant();
        return jdbc.inTransaction(connection -> {
            Subscription s = store.lock(connection, id).orElseThrow(Subscriptions::gone);
            if (ownedBy != null && !s.recipient().equals(ownedBy)) {
                throw gone(); // another person's: not even its existence is told
            }
            if (s.status().equals(Subscription.PENDING) || s.isActive()) {
                store.setStatus(connection, id, Subscription.UNSUBSCRIBED, null, now);
                outbox.cancelPending(connection, id);
            }
            return SubscriptionView.of(store.find(connection, id).orElseThrow());
        });
    }

    private UUID subject(Tokens.Purpose purpose, String token) {
        String subject = tokens.verify(purpose, token, clock.instant()).orElseThrow(Subscriptions::badToken);
        return UUID.fromString(subject);
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ProblemException badToken() {
        return new ProblemException(HttpStatus.FORBIDDEN, "The link is not valid or has expired: use the one in your "
                + "latest mail, or subscribe again.");
    }

    private static ProblemException gone() {
        return new ProblemException(HttpStatus.NOT_FOUND, "No such subscription.");
    }
}
