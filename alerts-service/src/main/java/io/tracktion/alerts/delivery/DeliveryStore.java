package io.tracktion.alerts.delivery;

import io.micronaut.json.JsonMapper;
import io.tracktion.alerts.subscriptions.Subscription;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Table alerts.delivery (and the alerts each carries), on the caller's connection. */
@Singleton
public class DeliveryStore {

    /** A delivery taken to send; {@code claimedAt} tells this claim from a later one on the same row. */
    public record Claimed(UUID id, UUID subscriptionId, String purpose, int attempts, Instant claimedAt) {

        Claimed claimedAgainAt(Instant stamp) {
            return new Claimed(id, subscriptionId, purpose, attempts, stamp);
        }
    }

    private final JsonMapper json;

    public DeliveryStore(JsonMapper json) {
        this.json = json;
    }

    /**
     * Takes up to {@code limit} deliveries to send: those due, and those left 'sending' for longer than {@code lease}
     * (their dispatcher died between taking and recording them). Rows another dispatcher holds are skipped. One left
     * behind {@code maxAttempts} times is failed instead: a message that stops its dispatcher each time is not tried
     * forever.
     */
    public List<Claimed> claim(Connection connection, Instant now, Duration lease, int limit, int maxAttempts)
            throws SQLException {
        Instant stamp = stamp(now);
        try (PreparedStatement giveUp = connection.prepareStatement("""
                UPDATE alerts.delivery SET status = 'failed',
                       last_error = 'given up: its dispatcher stopped while sending it, ' || attempts || ' times'
                WHERE status = 'sending' AND claimed_at < ? AND attempts >= ?""")) {
            giveUp.setTimestamp(1, Timestamp.from(now.minus(lease)));
            giveUp.setInt(2, maxAttempts);
            giveUp.executeUpdate();
        }
        try (PreparedStatement claim = connection.prepareStatement("""
                UPDATE alerts.delivery SET status = 'sending', attempts = attempts + 1, claimed_at = ?
                WHERE id IN (SELECT id FROM alerts.delivery
                             WHERE (status = 'pending' AND due_at <= ?) OR (status = 'sending' AND claimed_at < ?)
                             ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, subscription_id, purpose, attempts""")) {
            claim.setTimestamp(1, Timestamp.from(stamp));
            claim.setTimestamp(2, Timestamp.from(now));
            claim.setTimestamp(3, Timestamp.from(now.minus(lease)));
            claim.setInt(4, limit);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet row = claim.executeQuery()) {
                while (row.next()) {
                    claimed.add(new Claimed(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                            row.getString(3), row.getInt(4), stamp));
                }
            }
            return claimed;
        }
    }

    /**
     * Renews the claim just before the delivery is sent, so that its lease runs from now, not from when its batch was
     * taken. Empty if the claim is no longer ours: the lease ran out and another dispatcher took it (and sends it),
     * or it was cancelled meanwhile.
     */
    public Optional<Claimed> renew(Connection connection, Claimed delivery, Instant now) throws SQLException {
        Instant stamp = stamp(now);
        boolean ours = update(connection, "UPDATE alerts.delivery SET claimed_at = ? WHERE id = ? AND status = 'sending' "
                + "AND claimed_at = ?", Timestamp.from(stamp), delivery.id(), Timestamp.from(delivery.claimedAt()));
        return ours ? Optional.of(delivery.claimedAgainAt(stamp)) : Optional.empty();
    }

    /** PostgreSQL keeps microseconds: a claim is compared with what was stored. */
    private static Instant stamp(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Moves the alerts of the subscription's other due messages into this one, which then carries them all. Two
     * statements: the second must see alerts that a consumer attached to one of those messages and committed while
     * the first waited for its lock ({@link Outbox} locks the message it adds to).
     */
    public void absorbDue(Connection connection, Claimed delivery, Instant now) throws SQLException {
        List<UUID> others = new ArrayList<>();
        try (PreparedStatement cancel = connection.prepareStatement("""
                UPDATE alerts.delivery SET status = 'cancelled'
                WHERE subscription_id = ? AND purpose = 'alerts' AND status = 'pending' AND due_at <= ? AND id <> ?
                RETURNING id""")) {
            cancel.setObject(1, delivery.subscriptionId());
            cancel.setTimestamp(2, Timestamp.from(now));
            cancel.setObject(3, delivery.id());
            try (ResultSet row = cancel.executeQuery()) {
                while (row.next()) {
                    others.add(row.getObject(1, UUID.class));
                }
            }
        }
        if (others.isEmpty()) {
            return;
        }
        try (PreparedStatement move = connection.prepareStatement(
                "UPDATE alerts.alert SET delivery_id = ? WHERE delivery_id = ANY (?)")) {
            move.setObject(1, delivery.id());
            move.setArray(2, connection.createArrayOf("uuid", others.toArray()));
            move.executeUpdate();
        }
    }

    /** How many alert messages were sent, and the earliest of them. */
    public record Sent(int count, Instant earliest) {
    }

    /**
     * Alert messages sent since {@code since} to where this subscription's go, and the earliest of them: to the same
     * e-mail address by e-mail, or to the same webhook URL.
     */
    public Sent sentTo(Connection connection, Subscription subscription, Instant since) throws SQLException {
        boolean webhook = subscription.channel().equals("webhook");
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*), min(d.sent_at) FROM alerts.delivery d
                JOIN alerts.subscription s ON s.id = d.subscription_id
                WHERE s.channel = ? AND %s = ? AND d.purpose = 'alerts' AND d.status = 'sent' AND d.sent_at > ?"""
                .formatted(webhook ? "s.webhook_url" : "s.recipient"))) {
            select.setString(1, subscription.channel());
            select.setString(2, webhook ? subscription.webhookUrl().toString() : subscription.recipient());
            select.setTimestamp(3, Timestamp.from(since));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Timestamp earliest = row.getTimestamp(2);
                return new Sent(row.getInt(1), earliest == null ? null : earliest.toInstant());
            }
        }
    }

    /** Confirmation mails sent or due to an address since {@code since}: to refuse a flood of them. */
    public int confirmationsTo(Connection connection, String recipient, Instant since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*) FROM alerts.delivery d JOIN alerts.subscription s ON s.id = d.subscription_id
                WHERE s.recipient = ? AND d.purpose = 'confirmation' AND d.created_at > ?""")) {
            select.setString(1, recipient);
            select.setTimestamp(2, Timestamp.from(since));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    public List<StoredAlert> alertsOf(Connection connection, UUID delivery) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT source_id, kind, at, payload::text FROM alerts.alert WHERE delivery_id = ? ORDER BY at, source_id")) {
            select.setObject(1, delivery);
            List<StoredAlert> alerts = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    alerts.add(new StoredAlert(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                            payload(row.getString(4))));
                }
            }
            return alerts;
        }
    }

    /*
     * The outcomes below change a delivery only while this claim holds it: false if the lease ran out and another
     * dispatcher took it meanwhile, whose outcome counts.
     */

    public boolean sent(Connection connection, Claimed delivery, Instant now) throws SQLException {
        return update(connection, "UPDATE alerts.delivery SET status = 'sent', sent_at = ?, last_error = NULL"
                + OURS, Timestamp.from(now), delivery.id(), Timestamp.from(delivery.claimedAt()));
    }

    /** Back to pending, due again at {@code due}; {@code error} says why it did not go (null: it waits its turn). */
    public boolean later(Connection connection, Claimed delivery, Instant due, String error, boolean countsAsAttempt)
            throws SQLException {
        return update(connection, "UPDATE alerts.delivery SET status = 'pending', due_at = ?, last_error = ?"
                + (countsAsAttempt ? "" : ", attempts = attempts - 1") + OURS,
                Timestamp.from(due), error, delivery.id(), Timestamp.from(delivery.claimedAt()));
    }

    public boolean failed(Connection connection, Claimed delivery, String error) throws SQLException {
        return update(connection, "UPDATE alerts.delivery SET status = 'failed', last_error = ?" + OURS,
                error, delivery.id(), Timestamp.from(delivery.claimedAt()));
    }

    public boolean cancel(Connection connection, Claimed delivery) throws SQLException {
        return update(connection, "UPDATE alerts.delivery SET status = 'cancelled'" + OURS,
                delivery.id(), Timestamp.from(delivery.claimedAt()));
    }

    private static final String OURS = " WHERE id = ? AND status = 'sending' AND claimed_at = ?";

    private static boolean update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate() > 0;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> payload(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read an alert's payload", e);
        }
    }
}
