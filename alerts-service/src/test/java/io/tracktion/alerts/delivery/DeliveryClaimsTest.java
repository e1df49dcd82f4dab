package io.tracktion.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.tracktion.alerts.subscriptions.SubscriptionStore;
import io.tracktion.testsupport.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claims on the outbox that keep two dispatchers (or one that outlived its lease) from sending a message twice,
 * on a real PostgreSQL, with the clock in the test's hands.
 */
class DeliveryClaimsTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    static final Duration LEASE = Duration.ofMinutes(2);
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.123456789Z");

    final DeliveryStore deliveries = new DeliveryStore(JsonMapper.createDefault());
    final SubscriptionStore subscriptions = new SubscriptionStore();
    DataSource database;
    UUID subscription;
    UUID delivery;

    @BeforeEach
    void oneSubscriptionWithOneDueMessage() throws SQLException {
        database = POSTGRES.dataSource(POSTGRES.newDatabase());
        Flyway.configure().dataSource(database).schemas("alerts").locations("classpath:db/alerts").load().migrate();
        subscription = UUID.randomUUID();
        delivery = UUID.randomUUID();
        execute("INSERT INTO alerts.subscription (id, email, recipient, dimension, entity_id, kinds, channel, time_zone, "
                + "digest, status, created_at) VALUES ('" + subscription + "', 'a@example.com', 'a@example.com', "
                + "'artist', 'x', '{spike}', 'email', 'UTC', 'none', 'active', now())");
        execute("INSERT INTO alerts.delivery (id, subscription_id, purpose, due_at, status, created_at) VALUES ('"
                + delivery + "', '" + subscription + "', 'alerts', '" + T0 + "', 'pending', now())");
    }

    @Test
    void aClaimThatOutlivedItsLeaseCanNeitherSendNorRecord() throws SQLException {
        DeliveryStore.Claimed first = claim(T0).get(0);
        // The first dispatcher is still busy with the rest of its batch when the lease runs out; another takes it.
        DeliveryStore.Claimed second = claim(T0.plus(LEASE).plusSeconds(1)).get(0);
        assertThat(second.id()).isEqualTo(delivery);
        assertThat(second.attempts()).isEqualTo(2);

        try (Connection c = database.getConnection()) {
            assertThat(deliveries.renew(c, first, T0.plus(LEASE).plusSeconds(2))).as("the first may not send it").isEmpty();
            assertThat(deliveries.sent(c, first, T0.plus(LEASE).plusSeconds(2))).isFalse();
            assertThat(deliveries.failed(c, first, "x")).isFalse();
            assertThat(deliveries.later(c, first, T0, "x", true)).isFalse();
            DeliveryStore.Claimed renewed = deliveries.renew(c, second, T0.plus(LEASE).plusSeconds(2)).orElseThrow();
            assertThat(deliveries.sent(c, renewed, T0.plus(LEASE).plusSeconds(3))).isTrue();
        }
        assertThat(status()).isEqualTo("sent");
    }

    @Test
    void aRenewedClaimRunsItsLeaseFromTheRenewal() throws SQLException {
        DeliveryStore.Claimed taken = claim(T0).get(0);
        DeliveryStore.Claimed renewed;
        try (Connection c = database.getConnection()) {
            renewed = deliveries.renew(c, taken, T0.plus(LEASE).minusSeconds(1)).orElseThrow();
        }
        assertThat(claim(T0.plus(LEASE).plusSeconds(1))).as("the renewal's lease still runs").isEmpty();
        try (Connection c = database.getConnection()) {
            assertThat(deliveries.sent(c, renewed, T0.plus(LEASE).plusSeconds(2))).isTrue();
        }
    }

    @Test
    void aMessageWhoseDispatcherStopsEveryTimeIsFailedNotTriedForever() throws SQLException {
        Instant now = T0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(claim(now, 3)).hasSize(1); // and the dispatcher dies before recording anything
            now = now.plus(LEASE).plusSeconds(1);
        }
        assertThat(claim(now, 3)).isEmpty();
        assertThat(status()).isEqualTo("failed");
    }

    @Test
    void spikesWithinTheCooldownBeforeOrAfterTheLastAreNotTaken() throws SQLException {
        Duration cooldown = Duration.ofHours(6);
        Instant noon = Instant.parse("2026-12-05T12:00:00Z");
        try (Connection c = database.getConnection()) {
            assertThat(subscriptions.takeSpike(c, subscription, noon, cooldown)).isTrue();
            assertThat(subscriptions.takeSpike(c, subscription, noon, cooldown)).as("the same again").isFalse();
            assertThat(subscriptions.takeSpike(c, subscription, noon.plus(Duration.ofHours(5)), cooldown)).isFalse();
            assertThat(subscriptions.takeSpike(c, subscription, noon.minus(Duration.ofHours(5)), cooldown))
                    .as("an earlier one, arrived late").isFalse();
            assertThat(subscriptions.takeSpike(c, subscription, noon.minus(Duration.ofHours(7)), cooldown)).isTrue();
            assertThat(subscriptions.takeSpike(c, subscription, noon.plus(Duration.ofHours(5)), cooldown))
                    .as("still within 6 h of noon, the latest taken").isFalse();
            assertThat(subscriptions.takeSpike(c, subscription, noon.plus(Duration.ofHours(6)), cooldown)).isTrue();
        }
    }

    private List<DeliveryStore.Claimed> claim(Instant now) throws SQLException {
        return claim(now, 10);
    }

    private List<DeliveryStore.Claimed> claim(Instant now, int maxAttempts) throws SQLException {
        try (Connection c = database.getConnection()) {
            return deliveries.claim(c, now, LEASE, 10, maxAttempts);
        }
    }

    private String status() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             var row = s.executeQuery("SELECT status FROM alerts.delivery WHERE id = '" + delivery + "'")) {
            row.next();
            return row.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
