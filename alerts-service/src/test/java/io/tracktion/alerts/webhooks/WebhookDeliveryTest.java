package io.tracktion.alerts.webhooks;

import static io.tracktion.alerts.testing.Subscriber.subscribeAndConfirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tracktion.alerts.testing.AlertsApp;
import io.tracktion.alerts.testing.Mails;
import io.tracktion.alerts.testing.Signals;
import io.tracktion.alerts.testing.Still;
import io.tracktion.alerts.testing.Subscriber;
import io.tracktion.schemas.EntityIds;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts through the whole service to a real HTTP receiver: a signed JSON webhook, and one that keeps refusing. */
class WebhookDeliveryTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "https://moss-cathedral.bandcamp.com";
    static final String ARTIST = EntityIds.artist(ROOT);

    Receiver receiver;
    String database;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        database = POSTGRES.newDatabase();
        MAIL.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aJsonWebhookGetsTheAlertSignedWithItsSecret() throws Exception {
        String owner = "team@example.com";
        try (AlertsApp app = start(Map.of())) {
            var created = app.post("/api/v1/subscriptions", subscription(owner, "json", "/hook"));
            assertThat(created.statusCode()).isEqualTo(202);
            String secret = JSON.readTree(created.body()).get("webhookSecret").asText();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
            var confirmation = Subscriber.awaitMail(MAIL, owner, m -> Subscriber.subject(m).startsWith("Confirm"));
            assertThat(Mails.text(confirmation)).contains("a json webhook");
            app.get(Mails.link(confirmation, "/confirm"));

            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Moss \"Cathedral\"\n", Instant.now(), "100", "104")));
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());

            Receiver.Received hook = receiver.received().get(0);
            assertThat(hook.method()).isEqualTo("POST");
            assertThat(hook.header("X-Tracktion-Delivery")).matches("[0-9a-f-]{36}");
            String expected = "sha256=" + HexFormat.of().formatHex(hmac(secret, hook.header("X-Tracktion-Timestamp") + "." + hook.text()));
            assertThat(hook.header("X-Tracktion-Signature")).isEqualTo(expected);
            JsonNode body = JSON.readTree(hook.text());
            assertThat(body.get("id").asText()).isEqualTo(hook.header("X-Tracktion-Delivery"));
            assertThat(body.get("alerts").get(0).get("kind").asText()).isEqualTo("milestone");
            assertThat(body.get("alerts").get(0).get("entityName").asText()).isEqualTo("Moss \"Cathedral\"\n");
            assertThat(body.get("links").get("unsubscribe").asText()).contains("/api/v1/subscriptions/unsubscribe?token=");
            assertThat(body.get("links").has("manage")).as("the manage link signs in as the owner: not for a channel")
                    .isFalse();
            assertThat(hook.text()).doesNotContain("/api/v1/subscriptions?token=");
            assertThat(Subscriber.mailsTo(MAIL, owner)).as("the confirmation only: alerts go to the webhook").hasSize(1);
        }
    }

    @Test
    void aWebhookThatKeepsRefusingIsDisabledAndTheApiSaysWhy() throws Exception {
        String owner = "gone@example.com";
        receiver.on("/deleted", Receiver.status(410, "gone"));
        try (AlertsApp app = start(Map.of("alerts.max-failures", 2))) {
            subscribeAndConfirm(app, MAIL, owner, subscription(owner, "slack", "/deleted"));
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Moss Cathedral", Instant.now(), "10", "10")));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Moss Cathedral", Instant.now(), "1000", "1000")));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);

            String manage = Mails.link(Subscriber.mailsTo(MAIL, owner).get(0), "");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    JSON.readTree(app.get(manage).body()).get("items").get(0).get("status").asText().equals("disabled"));
            JsonNode item = JSON.readTree(app.get(manage).body()).get("items").get(0);
            assertThat(item.get("statusReason").asText()).contains("webhook failed 2 times in a row", "410");
            String url = receiver.url("/deleted").toString();
            assertThat(item.get("webhookUrl").asText()).as("a webhook URL is a key: shown masked")
                    .isEqualTo(url.substring(0, url.indexOf("/", 8)) + "/…eted");
            assertThat(receiver.received().get(0).text()).doesNotContain("All your subscriptions");

            Signals.publish(KAFKA, List.of(Signals.milestone("artist", ARTIST, "Moss Cathedral", Instant.now(), "10000", "10000")));
            Still.holdsFor(Duration.ofSeconds(2), () ->
                    assertThat(receiver.received()).as("nothing more to a disabled subscription").hasSize(2));
        }
    }

    private AlertsApp start(Map<String, Object> more) {
        Map<String, Object> properties = new java.util.HashMap<>(more);
        properties.put("alerts.webhook-allow-private", true); // the receiver is on this machine
        return AlertsApp.start(POSTGRES, database, KAFKA.bootstrapServers(), SchemaRegistry.url(),
                MAIL.getSmtp().getPort(), properties);
    }

    private String subscription(String email, String format, String path) {
        return "{\"email\": \"" + email + "\", \"target\": {\"dimension\": \"artist\", \"url\": \"" + ROOT + "\"},"
                + " \"kinds\": [\"milestone\"], \"channel\": \"webhook\", \"webhookFormat\": \"" + format + "\","
                + " \"webhookUrl\": \"" + receiver.url(path) + "\"}";
    }

    private static byte[] hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
