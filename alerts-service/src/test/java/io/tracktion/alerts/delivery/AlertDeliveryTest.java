package io.tracktion.alerts.delivery;

import static io.tracktion.alerts.testing.Subscriber.awaitMail;
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
import io.tracktion.schemas.Signal;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signals on a real broker become e-mails on a real SMTP server, once: with their numbers and unsubscribe headers,
 * not again on a replay, and neither lost nor doubled by a restart around the dispatch.
 */
class AlertDeliveryTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    static final String ROOT = "https://velvetorrery.bandcamp.com";
    static final String ARTIST = EntityIds.artist(ROOT);

    String database;

    @BeforeEach
    void freshDatabaseAndInbox() throws Exception {
        database = POSTGRES.newDatabase();
        MAIL.purgeEmailFromAllMailboxes();
    }

    @Test
    void aSpikeReachesItsSubscriberWithTheNumbersBehindItAndNoInjectedHeaders() throws Exception {
        String fan = "fan1@example.com";
        try (AlertsApp app = start(Map.of())) {
            subscribeAndConfirm(app, MAIL, fan, subscription(fan, "[\"spike\", \"milestone\"]", ""));
            Signals.publish(KAFKA, List.of(
                    Signals.spike(ARTIST, "Velvet Orrery\r\nBcc: evil@example.org", Instant.parse("2026-12-05T10:15:00Z"),
                            "20", "0.4", 1.2e-19),
                    Signals.spike(EntityIds.artist("https://someone-else.bandcamp.com"), "Someone Else",
                            Instant.parse("2026-12-05T10:15:00Z"), "30", "0.4", 1e-30)));

            MimeMessage alert = awaitMail(MAIL, fan, m -> subject(m).contains("sold in the last hour"));
            assertThat(subject(alert)).isEqualTo("Tracktion: Velvet Orrery Bcc: evil@example.org: 20 sold in the last "
                    + "hour where about 0.40 were expected (probability 1.2e-19)");
            assertThat(alert.getAllRecipients()).extracting(Object::toString).containsExactly(fan);
            assertThat(alert.getHeader("Bcc")).isNull();
            assertThat(Mails.header(alert, "Message-ID")).matches("<[0-9a-f-]{36}@tracktion>");
            assertThat(Mails.header(alert, "List-Unsubscribe")).matches("<http://127\\.0\\.0\\.1:\\d+/api/v1/subscriptions/unsubscribe\\?token=.+>");
            assertThat(Mails.header(alert, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(Mails.text(alert)).contains("11:15 CET", "/api/v1/artists/" + ARTIST);
            assertThat(Mails.html(alert)).contains("Velvet Orrery Bcc: evil@example.org").doesNotContain("<script");
            Still.holdsFor(Duration.ofSeconds(1), () -> assertThat(mailsTo(MAIL, fan))
                    .as("the confirmation and one alert: nothing about the other artist").hasSize(2));
            String metrics = app.get("/metrics").body();
            assertThat(metrics).contains("tracktion_alerts_total 1.0",
                    "tracktion_alerts_messages_total{channel=\"email\",outcome=\"sent\"} 2.0",
                    "tracktion_alerts_messages_total{channel=\"webhook\",outcome=\"sent\"} 0.0");

            // One click, and no more.
            assertThat(app.oneClick(Mails.header(alert, "List-Unsubscribe").replaceAll("[<>]", "")).statusCode()).isEqualTo(200);
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "100", "100")));
            awaitConsumed();
            Still.holdsFor(Duration.ofSeconds(1), () -> { // a dispatch interval, had anything been written
                assertThat(count("SELECT count(*) FROM alerts.alert")).as("the milestone was read, and matched nobody")
                        .isEqualTo(1);
                assertThat(mailsTo(MAIL, fan)).hasSize(2);
            });
        }
    }

    @Test
    void aReplayOfTheSignalsFromTheStartSendsNothingAgain() throws Exception {
        String fan = "fan2@example.com";
        try (AlertsApp app = start(Map.of())) {
            subscribeAndConfirm(app, MAIL, fan, subscription(fan, "[\"milestone\", \"new_country\"]", ""));
            Signals.publish(KAFKA, List.of(
                    Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "10", "10"),
                    Signals.newCountry(ARTIST, "Velvet Orrery", Instant.now(), "JP", 4)));
            awaitAlerted(app, 2, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(15)).until(() -> alertMails(fan) >= 1);
        }
        int mails = mailsTo(MAIL, fan).size();
        POSTGRES.execute(database, "DELETE FROM alerts.consumer_offset");
        try (AlertsApp app = start(Map.of())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> storedOffsets() > 0);
            Still.holdsFor(Duration.ofSeconds(2), () -> {
                assertThat(count("SELECT count(*) FROM alerts.alert")).isEqualTo(2);
                assertThat(mailsTo(MAIL, fan)).hasSize(mails);
            });
        }
    }

    @Test
    void aRestartBetweenTheOutboxAndTheDispatchSendsTheAlertOnce() throws Exception {
        String fan = "fan3@example.com";
        subscribedToMilestones(fan);
        try (AlertsApp app = start(Map.of("alerts.dispatch-enabled", false))) {
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "1000", "1003")));
            awaitAlerted(app, 1, Duration.ofSeconds(30));
            assertThat(alertMessages("pending")).isEqualTo(1);
        }
        assertThat(alertMails(fan)).isZero();
        try (AlertsApp app = start(Map.of())) {
            await().atMost(Duration.ofSeconds(15)).until(() -> alertMails(fan) == 1);
            Still.holdsFor(Duration.ofSeconds(1), () -> assertThat(alertMails(fan)).isEqualTo(1));
        }
    }

    @Test
    void aRestartBetweenSendingAndRecordingFinishesTheRecordFirstAndSendsNothingAgain() throws Exception {
        String fan = "fan6@example.com";
        subscribedToMilestones(fan);
        PauseAfterSend.reset();
        AlertsApp paused = start(Map.of("test.pause-after-send", true));
        Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "100", "100")));
        assertThat(PauseAfterSend.sent.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(alertMails(fan)).isEqualTo(1);
        Thread restart = new Thread(paused::close, "restart");
        restart.start(); // SIGTERM's shutdown, while the message is sent and not yet recorded
        Still.holdsFor(Duration.ofSeconds(1), () ->
                assertThat(restart.isAlive()).as("the shutdown waits for the message in hand").isTrue());
        PauseAfterSend.release.countDown();
        restart.join(30_000);
        assertThat(alertMessages("sent")).isEqualTo(1);
        try (AlertsApp app = start(Map.of("alerts.claim-lease", "500ms"))) {
            Still.holdsFor(Duration.ofSeconds(3), () -> assertThat(alertMails(fan)).isEqualTo(1));
        }
    }

    @Test
    void anUnsubscribeWhileAMessageIsBeingSentLetsItBeRecordedAndStopsWhatFollows() throws Exception {
        String fan = "fan7@example.com";
        subscribedToMilestones(fan);
        PauseAfterSend.reset();
        try (AlertsApp app = start(Map.of("test.pause-after-send", true))) {
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "10", "10")));
            assertThat(PauseAfterSend.sent.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            MimeMessage alert = mailsTo(MAIL, fan).stream().filter(m -> subject(m).contains("passed")).findFirst()
                    .orElseThrow();
            assertThat(app.oneClick(Mails.header(alert, "List-Unsubscribe").replaceAll("[<>]", "")).statusCode())
                    .isEqualTo(200);
            PauseAfterSend.release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    alertMessages("sent") == 1);

            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "100", "100")));
            awaitConsumed();
            Still.holdsFor(Duration.ofSeconds(1), () -> assertThat(alertMails(fan)).isEqualTo(1));
        }
    }

    @Test
    void aMessageWhoseSendingThrowsIsFailedAndTheNextOneStillGoes() throws Exception {
        String fan = "fan8@example.com";
        subscribedToMilestones(fan);
        try (AlertsApp app = start(Map.of("test.throw-on-first-send", true))) {
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "10", "10")));
            await().atMost(Duration.ofSeconds(30)).until(() -> alertMessages("failed") == 1);
            assertThat(strings("SELECT last_error FROM alerts.delivery WHERE status = 'failed'"))
                    .singleElement().asString().contains("not sent", "A bug in sending");
            assertThat(alertMails(fan)).isZero();

            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "100", "100")));
            await().atMost(Duration.ofSeconds(30)).until(() -> alertMails(fan) == 1);
            assertThat(alertMessages("sending")).isZero();
        }
    }

    @Test
    void aCrashBetweenSendingAndRecordingRepeatsTheMessageUnderItsOwnMessageId() throws Exception {
        String fan = "fan4@example.com";
        subscribedToMilestones(fan);
        try (AlertsApp app = start(Map.of("test.crash-after-send", true))) {
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Velvet Orrery", Instant.now(), "10000", "10000")));
            await().atMost(Duration.ofSeconds(30)).until(() -> alertMails(fan) == 1);
            assertThat(alertMessages("sending")).isEqualTo(1);
        }
        try (AlertsApp app = start(Map.of("alerts.claim-lease", "500ms"))) {
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    alertMessages("sent") == 1);
        }
        List<MimeMessage> alerts = mailsTo(MAIL, fan).stream().filter(m -> subject(m).contains("passed")).toList();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.stream().map(m -> Mails.header(m, "Message-ID")).distinct()).as("one message, sent twice").hasSize(1);
    }

    @Test
    void spikesWithinTheCooldownBeforeOrAfterAnAlertedOneAreNotAlerted() throws Exception {
        String fan = "fan5@example.com";
        try (AlertsApp app = start(Map.of())) {
            subscribeAndConfirm(app, MAIL, fan, subscription(fan, "[\"spike\"]", ""));
            Instant ten = Instant.parse("2026-12-05T10:00:00Z");
            Signal first = Signals.spike(ARTIST, "Velvet Orrery", ten, "12", "0.5", 1e-12);
            Signal seventeen = Signals.spike(ARTIST, "Velvet Orrery", ten.plus(Duration.ofHours(7)), "18", "0.7", 1e-16);
            // Read last, from another partition: 3 h after the first, 4 h before the other.
            Signal thirteen = Signals.spike(ARTIST, "Velvet Orrery", ten.plus(Duration.ofHours(3)), "15", "0.6", 1e-14);
            for (Signal spike : List.of(first, seventeen, thirteen)) {
                Signals.publish(KAFKA, List.of(spike));
                awaitConsumed();
            }
            assertThat(strings("SELECT source_id FROM alerts.alert")).as("6 h of cooldown either side of an alert")
                    .containsExactlyInAnyOrder(first.getId(), seventeen.getId());
        }
    }

    /** A confirmed subscription to the artist's milestones, made by a run of the service that has ended. */
    private void subscribedToMilestones(String fan) throws Exception {
        try (AlertsApp app = start(Map.of())) {
            subscribeAndConfirm(app, MAIL, fan, subscription(fan, "[\"milestone\"]", ""));
        }
    }

    private long alertMessages(String status) {
        return count("SELECT count(*) FROM alerts.delivery WHERE purpose = 'alerts' AND status = '" + status + "'");
    }

    private AlertsApp start(Map<String, Object> more) {
        return AlertsApp.start(POSTGRES, database, KAFKA.bootstrapServers(), SchemaRegistry.url(),
                MAIL.getSmtp().getPort(), more);
    }

    private static String subscription(String email, String kinds, String extra) {
        return "{\"email\": \"" + email + "\", \"target\": {\"dimension\": \"artist\", \"url\": \"" + ROOT + "/album/x\"},"
                + " \"kinds\": " + kinds + ", \"timeZone\": \"Europe/Berlin\"" + extra + "}";
    }

    private void awaitAlerted(AlertsApp app, int alerts, Duration atMost) {
        await().atMost(atMost.plusSeconds(1)).pollDelay(Duration.ZERO).until(() -> count("SELECT count(*) FROM alerts.alert") >= alerts);
    }

    private long alertMails(String to) {
        return mailsTo(MAIL, to).stream().filter(m -> !subject(m).startsWith("Confirm")).count();
    }

    /** Until the service has read every signal published so far (its offsets are stored with what it made of them). */
    private void awaitConsumed() {
        long published = Signals.recordsInTopic(KAFKA);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT coalesce(sum(next_offset), 0) "
                + "FROM alerts.consumer_offset WHERE topic = 'tracktion.signals'") == published);
    }

    private List<String> strings(String sql) {
        try (var connection = POSTGRES.dataSource(database).getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long storedOffsets() {
        return count("SELECT count(*) FROM alerts.consumer_offset");
    }

    private long count(String sql) {
        try (var connection = POSTGRES.dataSource(database).getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
