package io.tracktion.alerts.webhooks;

import static io.tracktion.alerts.webhooks.Messages.DELIVERY;
import static io.tracktion.alerts.webhooks.Messages.ENTITY;
import static io.tracktion.alerts.webhooks.Messages.SUBSCRIPTION;
import static io.tracktion.alerts.webhooks.Messages.UNSUBSCRIBE;
import static io.tracktion.alerts.webhooks.Messages.firstSale;
import static io.tracktion.alerts.webhooks.Messages.message;
import static io.tracktion.alerts.webhooks.Messages.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.alerts.delivery.DeliveryException;
import io.tracktion.alerts.delivery.Rendered;
import io.tracktion.alerts.delivery.StoredAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a receiver gets in each format, read from a real local HTTP server. */
class WebhookFormatsTest {

    private static final String SECRET = "s3cr3t-key-of-the-subscription";
    /** A name from outside that tries everything: quotes, line breaks, markup, mentions. */
    private static final String HOSTILE = "The \"Owls\"\nBreak\\Out </script><script>alert(1)</script> <!channel> @everyone & co\u2028";

    private Receiver receiver;
    private WebhookSender sender;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        sender = new WebhookSender(new WebhookGuard(true), Messages.JSON, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Receiver.Received sent(String format, String secret, WebhookMessage message) throws Exception {
        sender.send(receiver.url("/hook"), format, secret, message);
        assertThat(receiver.received()).hasSize(1);
        Receiver.Received received = receiver.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("User-Agent")).isEqualTo("Tracktion-Alerts/1");
        assertThat(received.header("X-Tracktion-Delivery")).isEqualTo(DELIVERY.toString());
        return received;
    }

    @Test
    void slackGetsTheSubjectAndTextWithNothingThatSlackWouldParse() throws Exception {
        Receiver.Received received = sent("slack", null, message("Tracktion: " + HOSTILE, "- " + HOSTILE + "\n", List.of()));

        Map<String, Object> body = read(received.body());
        String expected = ("Tracktion: " + HOSTILE + "\n- " + HOSTILE.strip())
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        assertThat(body).containsEntry("text", expected).containsEntry("unfurl_links", false)
                .containsEntry("unfurl_media", false);
        assertThat((String) body.get("text")).doesNotContain("<").contains("&lt;!channel&gt;");
        assertThat(received.header("X-Tracktion-Signature")).isNull();
    }

    @Test
    void discordGetsContentThatPingsNobody() throws Exception {
        Receiver.Received received = sent("discord", null, message("Tracktion: " + HOSTILE, "- " + HOSTILE, List.of()));

        Map<String, Object> body = read(received.body());
        assertThat(body).containsEntry("content", "Tracktion: " + HOSTILE + "\n- " + HOSTILE.strip())
                .containsEntry("allowed_mentions", Map.of("parse", List.of()))
                .containsEntry("flags", 4);
    }

    @Test
    void aLongDiscordMessageIsCutTo2000CharactersAndKeepsItsLinks() throws Exception {
        String text = "- a line about a sale that goes on for a while\n".repeat(100);
        Receiver.Received received = sent("discord", null, message("Tracktion: 100 alerts", text, List.of()));

        String content = (String) read(received.body()).get("content");
        assertThat(content).hasSize(WebhookBodies.DISCORD_MAX)
                .startsWith("Tracktion: 100 alerts\n- a line about a sale")
                .endsWith("…\n" + ENTITY + "\nUnsubscribe: " + UNSUBSCRIBE);
    }

    /** Links too long to keep: the text is simply cut. */
    @Test
    void aCutWithoutRoomForTheLinksIsPlain() {
        WebhookMessage message = new WebhookMessage(DELIVERY, SUBSCRIPTION, new Rendered(
                "S", "y".repeat(5000), ""), List.of(), ENTITY, UNSUBSCRIBE + "&pad=" + "z".repeat(3000));
        assertThat(WebhookBodies.chatText(message, WebhookBodies.DISCORD_MAX))
                .isEqualTo("S\n" + "y".repeat(WebhookBodies.DISCORD_MAX - 3) + "…");
    }

    /** An owl is two UTF-16 characters; one subject or the other puts the cut in the middle of one. */
    @Test
    void aCutNeverSplitsACharacter() {
        for (String subject : List.of("S", "SS")) {
            String content = WebhookBodies.chatText(message(subject, "🦉".repeat(3000), List.of()),
                    WebhookBodies.DISCORD_MAX);
            String cut = content.substring(subject.length() + 1, content.indexOf('…'));
            assertThat(cut).isEqualTo("🦉".repeat(cut.length() / 2));
            assertThat(content).hasSizeLessThanOrEqualTo(WebhookBodies.DISCORD_MAX);
        }
    }

    @Test
    void aLongSlackMessageIsCutToo() throws Exception {
        Receiver.Received received = sent("slack", null, message("Tracktion: huge", "x".repeat(1_000_000), List.of()));

        String text = ((String) read(received.body()).get("text")).replace("&amp;", "&");
        assertThat(text.length()).isEqualTo(WebhookBodies.SLACK_MAX);
        assertThat(text).startsWith("Tracktion: huge\nxxx").endsWith("…\n" + ENTITY + "\nUnsubscribe: " + UNSUBSCRIBE);
    }

    @Test
    void jsonCarriesTheAlertsAndLinksSigned() throws Exception {
        long before = Instant.now().getEpochSecond();
        Receiver.Received received = sent("json", SECRET, firstSale());

        assertThat(read(received.body())).isEqualTo(Map.of(
                "id", DELIVERY.toString(),
                "subscriptionId", SUBSCRIPTION.toString(),
                "subject", "Tracktion: Night Owls: first sale seen by Tracktion",
                "alerts", List.of(Map.of("kind", "first_sale", "at", "2026-12-01T10:00:00Z",
                        "entityName", "Night Owls", "observed", "7.00", "country", "DE")),
                "links", Map.of("entity", ENTITY, "unsubscribe", UNSUBSCRIBE)));
        String timestamp = received.header("X-Tracktion-Timestamp");
        assertThat(Long.parseLong(timestamp)).isBetween(before, Instant.now().getEpochSecond());
        assertThat(verifies(SECRET, timestamp, received.body(), received.header("X-Tracktion-Signature"))).isTrue();
        assertThat(verifies("another secret", timestamp, received.body(), received.header("X-Tracktion-Signature")))
                .isFalse();
        assertThat(verifies(SECRET, Long.toString(Long.parseLong(timestamp) + 1), received.body(),
                received.header("X-Tracktion-Signature"))).isFalse();
    }

    /** As a receiver verifies, from the scheme in WebhookSender's Javadoc alone. */
    private static boolean verifies(String secret, String timestamp, byte[] body, String header) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonKeepsHostileNamesAsTheyAre() throws Exception {
        StoredAlert alert = new StoredAlert("s1", "milestone", Instant.parse("2026-12-01T10:00:00Z"),
                Map.of("entityName", HOSTILE, "kind", "not the kind", "at", "not the time"));
        Receiver.Received received = sent("json", SECRET, message(HOSTILE, HOSTILE, List.of(alert)));

        Map<String, Object> body = read(received.body());
        assertThat(body).containsEntry("subject", HOSTILE);
        assertThat(body.get("alerts")).isEqualTo(List.of(Map.of("kind", "milestone", "at", "2026-12-01T10:00:00Z",
                "entityName", HOSTILE)));
        assertThat(received.text()).doesNotContain("\n");
    }

    @Test
    void jsonLeavesOutTheLastAlertsRatherThanGrowBeyondTheLimit() throws Exception {
        List<StoredAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            alerts.add(new StoredAlert("s" + i, "spike", Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i),
                    Map.of("n", i, "entityName", "x".repeat(100))));
        }
        Receiver.Received received = sent("json", SECRET, message("Tracktion: 3000 alerts", "", alerts));

        assertThat(received.body().length).isBetween(WebhookBodies.MAX_BODY - 400, WebhookBodies.MAX_BODY);
        Map<String, Object> body = read(received.body());
        List<?> kept = (List<?>) body.get("alerts");
        assertThat(kept).hasSizeBetween(1000, 2999);
        assertThat(body).containsEntry("omittedAlerts", 3000 - kept.size());
        assertThat(((Map<?, ?>) kept.get(kept.size() - 1)).get("n")).isEqualTo(kept.size() - 1);
        assertThat(verifies(SECRET, received.header("X-Tracktion-Timestamp"), received.body(),
                received.header("X-Tracktion-Signature"))).isTrue();
    }

    @Test
    void theDeliveryIdStaysTheSameWhenAMessageIsSentAgain() throws Exception {
        sender.send(receiver.url("/hook"), "json", SECRET, firstSale());
        sender.send(receiver.url("/hook"), "json", SECRET, firstSale());

        assertThat(receiver.received()).extracting(r -> r.header("X-Tracktion-Delivery"))
                .containsExactly(DELIVERY.toString(), DELIVERY.toString());
    }

    @Test
    void aMessageThatCannotBeWrittenIsNotSent() {
        assertThatThrownBy(() -> sender.send(receiver.url("/hook"), "json", null, firstSale()))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("no secret");
        assertThatThrownBy(() -> sender.send(receiver.url("/hook"), "teams", null, firstSale()))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessage("unknown webhook format: teams");
        assertThatThrownBy(() -> sender.send(receiver.url("/hook"), "json", SECRET,
                message("x".repeat(WebhookBodies.MAX_BODY), "", List.of())))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("larger than");
        assertThat(receiver.received()).isEmpty();
    }
}
