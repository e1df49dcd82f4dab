package io.tracktion.alerts.delivery;

import io.micronaut.json.JsonMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Table alerts.delivery (and the alerts each carries), on the caller's connection. */
@Singleton
public class DeliveryStore {

    /** A delivery taken to send. */
    public record Claimed(UUID id, UUID subscriptionId, String purpose, int attempts) {
    }

    private final JsonMapper json;

    public DeliveryStore(JsonMapper json) {
        this.json = json;
    }

    /**
     * Takes up to {@code limit} deliveries to send: those due, and those left 'sending' for longer than {@code lease}
     * (their dispatcher died between taking and recording them). Rows another dispatcher holds are skipped.
     */
    public List<Claimed> claim(Connection connection, Instant now, Duration lease, int limit) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement("""
                UPDATE alerts.delivery SET status = 'sending', attempts = attempts + 1, claimed_at = ?
                WHERE id IN (SELECT id FROM alerts.delivery
                             WHERE (status = 'pending' AND due_at <= ?) OR (status = 'sending' AND claimed_at < ?)
                             ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, subscription_id, purpose, attempts""")) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setTimestamp(2, Timestamp.from(now));
            claim.setTimestamp(3, Timestamp.from(now.minus(lease)));
            claim.setInt(4, limit);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet row = claim.executeQuery()) {
                while (row.next()) {
                    claimed.add(new Claimed(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                            row.getString(3), row.getInt(4)));
                }
            }
            return claimed;
        }
    }

    /** Moves the alerts of the subscription's other due messages into this one, which then carries them all. */
    public void absorbDue(Connection connection, Claimed delivery, Instant now) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement("""
                WITH others AS (UPDATE alerts.delivery SET status = 'cancelled'
                                WHERE subscription_id = ? AND purpose = 'alerts' AND status = 'pending'
                                  AND due_at <= ? AND id <> ?
                                RETURNING id)
                UPDATE alerts.alert SET delivery_id = ? WHERE delivery_id IN (SELECT id FROM others)""")) {
            move.setObject(1, delivery.subscriptionId());
            move.setTimestamp(2, Timestamp.from(now));
            move.setObject(3, delivery.id());
            move.setObject(4, delivery.id());
            move.executeUpdate();
        }
    }

    /** Alert messages sent to an address since {@code since}, and the earliest of them. */
    public record Sent(int count, Instant earliest) {
    }

    public Sent sentTo(Connection connection, String recipient, Instant since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*), min(d.sent_at) FROM alerts.delivery d
                JOIN alerts.subscription s ON s.id = d.subscription_id
                WHERE s.recipient = ? AND d.purpose = 'alerts' AND d.status = 'sent' AND d.sent_at > ?""")) {
            select.setString(1, recipient);
            select.setTimestamp(2, Timestamp.from(since));
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

    public void sent(Connection connection, UUID id, Instant now) throws SQLException {
        update(connection, "UPDATE alerts.delivery SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
                Timestamp.from(now), id);
    }

    /** Back to pending, due again at {@code due}; {@code error} says why it did not go (null: it waits its turn). */
    public void later(Connection connection, UUID id, Instant due, String error, boolean countsAsAttempt)
            throws SQLException {
        update(connection, "UPDATE alerts.delivery SET status = 'pending', due_at = ?, last_error = ?"
                + (countsAsAttempt ? "" : ", attempts = attempts - 1") + " WHERE id = ?", Timestamp.from(due), error, id);
    }

    public void failed(Connection connection, UUID id, String error) throws SQLException {
        update(connection, "UPDATE alerts.delivery SET status = 'failed', last_error = ? WHERE id = ?", error, id);
    }

    public void cancel(Connection connection, UUID id) throws SQLException {
        update(connection, "UPDATE alerts.delivery SET status = 'cancelled' WHERE id = ?", id);
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
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
