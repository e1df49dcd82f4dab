package io.tracktion.alerts.delivery;

import static io.tracktion.alerts.testing.Subscriber.mailsTo;
import static io.tracktion.alerts.testing.Subscriber.subject;
import static io.tracktion.alerts.testing.Subscriber.subscribeAndConfirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tracktion.alerts.testing.AlertsApp;
import io.tracktion.alerts.testing.Mails;
import io.tracktion.alerts.testing.Signals;
import io.tracktion.alerts.testing.Still;
import io.tracktion.schemas.EntityIds;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quiet hours, digests and the per-address cap hold alerts in the outbox; a subscription's held alerts then go as one
 * message.
 */
class NoSpamTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    String database;

    @BeforeEach
    void freshDatabaseAndInbox() throws Exception {
        database = POSTGRES.newDatabase();
        MAIL.purgeEmailFromAllMailboxes();
    }

    @Test
    void anAddressGetsAtMostTheCapOfMessagesAnHourAndTheRestWaitsTogether() throws Exception {
        String fan = "busy@example.com";
        try (AlertsApp app = start(Map.of("alerts.max-per-hour", 2))) {
            for (int a = 0; a < 4; a++) {
                subscribeAndConfirm(app, MAIL, fan, subscription(fan, artistUrl(a), ""));
            }
            for (int a = 0; a < 4; a++) { // one at a time, so that each is a message of its own
                Signals.publish(KAFKA, List.of(Signals.milestone("artist", artist(a), "Artist " + a, Instant.now(), "10", "10")));
                int alerted = a + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM alerts.alert") == alerted);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> alertMails(fan).size() == 2);
            Still.holdsFor(Duration.ofMillis(1_500), () -> assertThat(alertMails(fan)).hasSize(2));
            assertThat(app.get("/metrics").body()).containsPattern("tracktion_alerts_held_total [1-9]");
            // The other two wait until an hour has passed since the first.
            Instant held = instant("SELECT min(due_at) FROM alerts.delivery WHERE purpose = 'alerts' AND status = 'pending'");
            Instant firstSent = instant("SELECT min(sent_at) FROM alerts.delivery WHERE status = 'sent' AND purpose = 'alerts'");
            assertThat(held).isEqualTo(firstSent.plus(Duration.ofHours(1)));
            POSTGRES.execute(database, "UPDATE alerts.delivery SET sent_at = sent_at - interval '1 hour', "
                    + "due_at = due_at - interval '1 hour' WHERE purpose = 'alerts'");
            await().atMost(Duration.ofSeconds(15)).until(() -> alertMails(fan).size() == 4);
            assertThat(count("SELECT count(*) FROM alerts.delivery WHERE purpose = 'alerts' AND status = 'sent'")).isEqualTo(4);
        }
    }

    @Test
    void duringQuietHoursAlertsAreHeldAndGoTogetherWhenTheyEnd() throws Exception {
        String fan = "sleepy@example.com";
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        String quiet = ", \"quietHours\": {\"from\": \"" + now.minusHours(1) + "\", \"to\": \"" + now.plusHours(2) + "\"}";
        try (AlertsApp app = start(Map.of())) {
            subscribeAndConfirm(app, MAIL, fan, subscription(fan, artistUrl(0), quiet));
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", artist(0), "Artist 0", Instant.now(), "10", "10")));
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM alerts.alert") == 1);
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", artist(0), "Artist 0", Instant.now(), "100", "100")));
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM alerts.alert") == 2);
            Still.holdsFor(Duration.ofSeconds(1), () -> assertThat(alertMails(fan)).isEmpty());
            Instant due = instant("SELECT max(due_at) FROM alerts.delivery WHERE purpose = 'alerts'");
            assertThat(due.atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(now.plusHours(2));
            assertThat(count("SELECT count(*) FROM alerts.delivery WHERE purpose = 'alerts' AND status = 'pending'"))
                    .as("both alerts in the one message held for the end").isEqualTo(1);

            POSTGRES.execute(database, "UPDATE alerts.delivery SET due_at = now() WHERE purpose = 'alerts'");
            await().atMost(Duration.ofSeconds(15)).until(() -> alertMails(fan).size() == 1);
            MimeMessage together = alertMails(fan).get(0);
            assertThat(subject(together)).isEqualTo("Tracktion: Artist 0: 2 alerts");
            assertThat(Mails.text(together)).contains("passed 10 items sold", "passed 100 items sold");
        }
    }

    @Test
    void anHourlyDigestCollectsTheHoursAlertsIntoOneMessage() throws Exception {
        String fan = "digest@example.com";
        try (AlertsApp app = start(Map.of())) {
            subscribeAndConfirm(app, MAIL, fan, subscription(fan, artistUrl(1), ", \"digest\": \"hourly\""));
            for (String step : List.of("10", "100", "1000")) {
                Signals.publish(KAFKA, List.of(Signals.milestone("artist", artist(1), "Artist 1", Instant.now(), step, step)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM alerts.alert") == 3);
            assertThat(count("SELECT count(*) FROM alerts.delivery WHERE purpose = 'alerts'")).isEqualTo(1);
            Instant due = instant("SELECT due_at FROM alerts.delivery WHERE purpose = 'alerts'");
            assertThat(due).isEqualTo(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
            Still.holdsFor(Duration.ofSeconds(1), () -> assertThat(alertMails(fan)).isEmpty());

            POSTGRES.execute(database, "UPDATE alerts.delivery SET due_at = now() WHERE purpose = 'alerts'");
            await().atMost(Duration.ofSeconds(15)).until(() -> alertMails(fan).size() == 1);
            assertThat(subject(alertMails(fan).get(0))).isEqualTo("Tracktion: Artist 1: 3 alerts");
        }
    }

    private AlertsApp start(Map<String, Object> more) {
        return AlertsApp.start(POSTGRES, database, KAFKA.bootstrapServers(), SchemaRegistry.url(),
                MAIL.getSmtp().getPort(), more);
    }

    static String artistUrl(int a) {
        return "https://artist" + a + ".bandcamp.com";
    }

    static String artist(int a) {
        return EntityIds.artist(artistUrl(a));
    }

    private static String subscription(String email, String url, String extra) {
        return "{\"email\": \"" + email + "\", \"target\": {\"dimension\": \"artist\", \"url\": \"" + url + "\"},"
                + " \"kinds\": [\"milestone\"]" + extra + "}";
    }

    private List<MimeMessage> alertMails(String to) {
        return mailsTo(MAIL, to).stream().filter(m -> !subject(m).startsWith("Confirm")).toList();
    }

    private long count(String sql) {
        return query(sql, rows -> rows.getLong(1));
    }

    private Instant instant(String sql) {
        return query(sql, rows -> {
            Timestamp value = rows.getTimestamp(1);
            return value == null ? null : value.toInstant();
        });
    }

    private interface Read<T> {
        T read(java.sql.ResultSet rows) throws java.sql.SQLException;
    }

    private <T> T query(String sql, Read<T> read) {
        try (var connection = POSTGRES.dataSource(database).getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return read.read(rows);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
