package io.tracktion.alerts.subscriptions;

import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Table alerts.subscription, on the caller's connection (and so in its transaction). */
@Singleton
public class SubscriptionStore {

    private static final String COLUMNS = "id, email, recipient, dimension, entity_id, entity_url, kinds, channel, "
            + "webhook_url, webhook_format, webhook_secret, time_zone, quiet_from, quiet_to, digest, status, "
            + "status_reason, created_at, confirmed_at, last_spike_at";

    public void insert(Connection connection, UUID id, NewSubscription s, String webhookSecret, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alerts.subscription (id, email, "
                + "recipient, dimension, entity_id, entity_url, kinds, channel, webhook_url, webhook_format, "
                + "webhook_secret, time_zone, quiet_from, quiet_to, digest, status, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)")) {
            insert.setObject(1, id);
            insert.setString(2, s.email());
            insert.setString(3, s.recipient());
            insert.setString(4, s.dimension());
            insert.setString(5, s.entityId());
            insert.setString(6, s.entityUrl());
            insert.setArray(7, connection.createArrayOf("text", s.kinds().toArray()));
            insert.setString(8, s.channel());
            insert.setString(9, s.webhookUrl() == null ? null : s.webhookUrl().toString());
            insert.setString(10, s.webhookFormat());
            insert.setString(11, webhookSecret);
            insert.setString(12, s.timeZone().getId());
            insert.setObject(13, s.quietFrom());
            insert.setObject(14, s.quietTo());
            insert.setString(15, s.digest());
            insert.setTimestamp(16, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    public Optional<Subscription> find(Connection connection, UUID id) throws SQLException {
        return first(query(connection, "SELECT " + COLUMNS + " FROM alerts.subscription WHERE id = ?", id));
    }

    /** The subscription, locked until the transaction ends. */
    public Optional<Subscription> lock(Connection connection, UUID id) throws SQLException {
        return first(query(connection, "SELECT " + COLUMNS + " FROM alerts.subscription WHERE id = ? FOR UPDATE", id));
    }

    public List<Subscription> ofRecipient(Connection connection, String recipient) throws SQLException {
        return query(connection, "SELECT " + COLUMNS + " FROM alerts.subscription WHERE recipient = ? "
                + "ORDER BY created_at, id", recipient);
    }

    /**
     * The active subscriptions that may want something about these entities ({@code dimension|id} keys), the whole
     * store or these buyer countries: the candidates for one batch of records, which the matcher narrows down.
     */
    public List<Subscription> activeFor(Connection connection, Collection<String> entityKeys,
                                        Collection<String> countries) throws SQLException {
        return query(connection, "SELECT " + COLUMNS + " FROM alerts.subscription WHERE status = 'active' AND ("
                + "dimension || '|' || entity_id = ANY (?) OR dimension = 'store' "
                + "OR (dimension = 'country' AND entity_id = ANY (?)))",
                connection.createArrayOf("text", entityKeys.toArray()),
                connection.createArrayOf("text", countries.toArray()));
    }

    public void setStatus(Connection connection, UUID id, String status, String reason, Instant now) throws SQLException {
        String when = switch (status) {
            case Subscription.ACTIVE -> ", confirmed_at = coalesce(confirmed_at, ?)";
            default -> ", ended_at = coalesce(ended_at, ?)";
        };
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alerts.subscription SET status = ?, status_reason = ?" + when + " WHERE id = ?")) {
            update.setString(1, status);
            update.setString(2, reason);
            update.setTimestamp(3, Timestamp.from(now));
            update.setObject(4, id);
            update.executeUpdate();
        }
    }

    /**
     * Disables an active subscription whose channel kept failing; false if it was no longer active (unsubscribed,
     * or disabled already by another dispatcher), which keeps its status and reason.
     */
    public boolean disable(Connection connection, UUID id, String reason, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alerts.subscription SET status = ?, "
                + "status_reason = ?, ended_at = coalesce(ended_at, ?) WHERE id = ? AND status = ?")) {
            update.setString(1, Subscription.DISABLED);
            update.setString(2, reason);
            update.setTimestamp(3, Timestamp.from(now));
            update.setObject(4, id);
            update.setString(5, Subscription.ACTIVE);
            return update.executeUpdate() > 0;
        }
    }

    /**
     * Takes the spike at {@code at} for the subscription unless it is within {@code cooldown} of the last spike
     * alerted, before or after it (signals from several partitions arrive out of order). The row stays locked until
     * the caller commits, so two consumers cannot both take spikes within the cooldown.
     */
    public boolean takeSpike(Connection connection, UUID id, Instant at, Duration cooldown) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE alerts.subscription SET last_spike_at = greatest(last_spike_at, ?)
                WHERE id = ? AND (last_spike_at IS NULL OR abs(extract(epoch FROM CAST(? AS timestamptz) - last_spike_at)) >= ?)""")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setObject(2, id);
            update.setTimestamp(3, Timestamp.from(at));
            update.setBigDecimal(4, java.math.BigDecimal.valueOf(cooldown.toMillis(), 3));
            return update.executeUpdate() > 0;
        }
    }

    /** A channel failed for good once more; returns the failures in a row. */
    public int failed(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alerts.subscription "
                + "SET consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures")) {
            update.setObject(1, id);
            try (ResultSet row = update.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    public void succeeded(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alerts.subscription SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }

    private static List<Subscription> query(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<Subscription> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(read(row));
                }
            }
            return found;
        }
    }

    private static Subscription read(ResultSet row) throws SQLException {
        Array kinds = row.getArray("kinds");
        String webhook = row.getString("webhook_url");
        return new Subscription(row.getObject("id", UUID.class), row.getString("email"), row.getString("recipient"),
                row.getString("dimension"), row.getString("entity_id"), row.getString("entity_url"),
                Arrays.asList((String[]) kinds.getArray()), row.getString("channel"),
                webhook == null ? null : URI.create(webhook), row.getString("webhook_format"),
                row.getString("webhook_secret"), ZoneId.of(row.getString("time_zone")),
                row.getObject("quiet_from", LocalTime.class), row.getObject("quiet_to", LocalTime.class),
                row.getString("digest"), row.getString("status"), row.getString("status_reason"),
                instant(row, "created_at"), instant(row, "confirmed_at"), instant(row, "last_spike_at"));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
