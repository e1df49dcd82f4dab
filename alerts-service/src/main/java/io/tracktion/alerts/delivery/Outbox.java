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
import java.time.Instant;
import java.util.UUID;

/**
 * Writes alerts and the messages (deliveries) that will carry them, on the caller's connection: the consumers call it
 * in the transaction that stores their offsets, so an alert, its delivery and the offset past its record are
 * written together or not at all. The {@link Dispatcher} sends what is due.
 */
@Singleton
public class Outbox {

    private final JsonMapper json;

    public Outbox(JsonMapper json) {
        this.json = json;
    }

    /** The confirmation mail of a new subscription, due at once. */
    public void confirmation(Connection connection, UUID subscriptionId, Instant now) throws SQLException {
        insertDelivery(connection, subscriptionId, "confirmation", now, now);
    }

    /**
     * Records the alert unless the subscription has it already (a replay), and puts it in the message due when
     * {@link DeliveryTimes} says: alerts due at the same time (a digest, the end of quiet hours, one batch) share a
     * message. Returns false for an alert it had.
     */
    public boolean alert(Connection connection, Subscription subscription, NewAlert alert, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alerts.alert (subscription_id, "
                + "source_id, kind, at, payload, created_at) VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?) "
                + "ON CONFLICT (subscription_id, source_id) DO NOTHING")) {
            insert.setObject(1, subscription.id());
            insert.setString(2, alert.sourceId());
            insert.setString(3, alert.kind());
            insert.setTimestamp(4, Timestamp.from(alert.at()));
            insert.setString(5, toJson(alert));
            insert.setTimestamp(6, Timestamp.from(now));
            if (insert.executeUpdate() == 0) {
                return false;
            }
        }
        Instant due = DeliveryTimes.due(subscription, now);
        UUID delivery = pendingDelivery(connection, subscription.id(), due);
        if (delivery == null) {
            delivery = insertDelivery(connection, subscription.id(), "alerts", due, now);
        }
        try (PreparedStatement attach = connection.prepareStatement(
                "UPDATE alerts.alert SET delivery_id = ? WHERE subscription_id = ? AND source_id = ?")) {
            attach.setObject(1, delivery);
            attach.setObject(2, subscription.id());
            attach.setString(3, alert.sourceId());
            attach.executeUpdate();
        }
        return true;
    }

    /**
     * Ends what is still to be sent to a subscription that ended. A message being sent right now is left to its
     * dispatcher, which records how it went; one left 'sending' by a crash is cancelled when it is next taken.
     */
    public void cancelPending(Connection connection, UUID subscriptionId) throws SQLException {
        try (PreparedStatement cancel = connection.prepareStatement("UPDATE alerts.delivery SET status = 'cancelled' "
                + "WHERE subscription_id = ? AND status = 'pending'")) {
            cancel.setObject(1, subscriptionId);
            cancel.executeUpdate();
        }
    }

    /**
     * The pending message due then, share-locked until the caller commits: a dispatcher that absorbs it into another
     * waits, and then moves this alert too; one that absorbed it first leaves it no longer pending, and a new one is
     * made. A share lock, so that consumers adding to the same message do not wait for (or deadlock with) each other.
     */
    private static UUID pendingDelivery(Connection connection, UUID subscriptionId, Instant due) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM alerts.delivery "
                + "WHERE subscription_id = ? AND purpose = 'alerts' AND status = 'pending' AND due_at = ? LIMIT 1 FOR SHARE")) {
            select.setObject(1, subscriptionId);
            select.setTimestamp(2, Timestamp.from(due));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getObject(1, UUID.class) : null;
            }
        }
    }

    private static UUID insertDelivery(Connection connection, UUID subscriptionId, String purpose, Instant due,
                                       Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alerts.delivery (id, subscription_id, "
                + "purpose, due_at, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, subscriptionId);
            insert.setString(3, purpose);
            insert.setTimestamp(4, Timestamp.from(due));
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
        }
        return id;
    }

    private String toJson(NewAlert alert) {
        try {
            return json.writeValueAsString(alert.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write an alert's payload", e);
        }
    }
}
