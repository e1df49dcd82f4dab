package io.tracktion.alerts.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tracktion.alerts.testing.AlertsApp;
import io.tracktion.alerts.testing.Mails;
import io.tracktion.schemas.EntityIds;
import io.tracktion.testsupport.Postgres;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The subscriptions API on a real database and SMTP server: validation, double opt-in, unsubscribe, manage. */
class SubscriptionsApiTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    static final ObjectMapper JSON = new ObjectMapper();
    static AlertsApp app;
    static String database;

    @BeforeAll
    static void start() {
        database = POSTGRES.newDatabase();
        app = AlertsApp.start(POSTGRES, database, null, null, MAIL.getSmtp().getPort(), Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void emptyInboxes() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
    }

    @Test
    void everyInvalidFieldIsNamedInOneProblem() throws Exception {
        HttpResponse<String> response = app.post("/api/v1/subscriptions", """
                {"email": "not an address", "target": {"dimension": "artist", "url": "ftp://x"},
                 "kinds": ["spike", "rumour"], "channel": "webhook", "webhookFormat": "telex",
                 "timeZone": "Mars/Olympus", "quietHours": {"from": "25:00", "to": "8"}, "digest": "weekly"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(fields(problem)).containsExactlyInAnyOrder("email", "target.url", "kinds[1]", "webhookUrl",
                "webhookFormat", "timeZone", "quietHours.from", "quietHours.to", "digest");
    }

    @Test
    void headerInjectionThroughTheAddressIsRefused() throws Exception {
        for (String email : List.of("fan@example.com\\r\\nBcc: victim@example.org", "Fan <fan@example.com>",
                "fan@example.com, other@example.com", "fan@example.com\\nSubject: hi")) {
            HttpResponse<String> response = app.post("/api/v1/subscriptions",
                    "{\"email\": \"" + email + "\", \"target\": {\"dimension\": \"store\"}}");
            assertThat(response.statusCode()).as(email).isEqualTo(400);
            assertThat(fields(JSON.readTree(response.body()))).as(email).containsExactly("email");
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void malformedAndOversizedBodiesAreRefusedWithAProblem() throws Exception {
        assertThat(app.post("/api/v1/subscriptions", "{\"email\": ").statusCode()).isEqualTo(400);
        assertThat(app.post("/api/v1/subscriptions", "[]").statusCode()).isEqualTo(400);
        HttpResponse<String> big = app.post("/api/v1/subscriptions",
                "{\"email\": \"fan@example.com\", \"target\": {\"dimension\": \"tag\", \"id\": \"" + "x".repeat(40_000) + "\"}}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aSubscriptionIsPendingUntilTheLinkInItsConfirmationMailIsFollowed() throws Exception {
        HttpResponse<String> created = app.post("/api/v1/subscriptions", """
                {"email": "Fan@Example.com", "target": {"dimension": "artist", "url": "https://velvetorrery.bandcamp.com/music"},
                 "kinds": ["spike", "milestone"], "timeZone": "Europe/Berlin", "quietHours": {"from": "22:00", "to": "08:00"}}""");

        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.get("status").asText()).isEqualTo("pending");
        String id = body.get("id").asText();
        assertThat(id).matches("[0-9a-f-]{36}");

        MimeMessage confirmation = awaitMails(1).get(0);
        assertThat(confirmation.getAllRecipients()[0].toString()).isEqualTo("Fan@Example.com");
        assertThat(confirmation.getSubject()).contains("Confirm").contains("https://velvetorrery.bandcamp.com");
        assertThat(Mails.header(confirmation, "List-Unsubscribe")).startsWith("<http://127.0.0.1:");
        assertThat(Mails.header(confirmation, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mails.html(confirmation)).contains("Confirm the subscription");
        String confirm = Mails.link(confirmation, "/confirm");

        String manage = Mails.link(confirmation, "");
        JsonNode before = JSON.readTree(app.get(manage).body());
        assertThat(before.get("items").get(0).get("status").asText()).isEqualTo("pending");
        assertThat(before.get("items").get(0).get("target").get("id").asText())
                .isEqualTo(EntityIds.artist("https://velvetorrery.bandcamp.com"));

        HttpResponse<String> fromCurl = AlertsApp.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(confirm))
                .header("Accept", "*/*").build());
        assertThat(fromCurl.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fromCurl.body()).get("status").asText()).isEqualTo("active");
        HttpResponse<String> fromBrowser = AlertsApp.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(confirm))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build());
        assertThat(fromBrowser.statusCode()).as("a second click").isEqualTo(200);
        assertThat(fromBrowser.body()).contains("<h2>Subscription confirmed</h2>");

        JsonNode after = JSON.readTree(app.get(manage).body());
        assertThat(after.get("email").asText()).isEqualTo("fan@example.com");
        assertThat(after.get("items")).hasSize(1);
        JsonNode item = after.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(id);
        assertThat(item.get("status").asText()).isEqualTo("active");
        assertThat(item.get("quietHours").get("from").asText()).isEqualTo("22:00");
        assertThat(item.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    }

    @Test
    void tokensAreSignedForOnePurposeAndCannotBeForged() throws Exception {
        app.post("/api/v1/subscriptions", "{\"email\": \"a@example.com\", \"target\": {\"dimension\": \"store\"}}");
        MimeMessage mail = awaitMails(1).get(0);
        String confirm = Mails.link(mail, "/confirm");
        String token = confirm.substring(confirm.indexOf("token=") + 6);
        String tampered = token.substring(0, token.indexOf('.') - 2) + "AA" + token.substring(token.indexOf('.'));

        assertThat(app.get("/api/v1/subscriptions/confirm?token=" + tampered).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/subscriptions/confirm").statusCode()).isEqualTo(403);
        // A confirmation token neither unsubscribes nor manages.
        assertThat(app.get("/api/v1/subscriptions/unsubscribe?token=" + token).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/subscriptions?token=" + token).statusCode()).isEqualTo(403);
        HttpResponse<String> forbidden = app.get("/api/v1/subscriptions?token=" + tampered);
        assertThat(forbidden.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void oneClickUnsubscribeByPostOrGetEndsTheSubscription() throws Exception {
        app.post("/api/v1/subscriptions", "{\"email\": \"b@example.com\", \"target\": {\"dimension\": \"tag\", \"id\": \" Dark  Ambient \"}}");
        app.post("/api/v1/subscriptions", "{\"email\": \"b@example.com\", \"target\": {\"dimension\": \"country\", \"id\": \"jp\"}}");
        List<MimeMessage> mails = awaitMails(2);
        String unsubscribeFirst = Mails.header(mails.get(0), "List-Unsubscribe").replaceAll("[<>]", "");
        String unsubscribeSecond = Mails.header(mails.get(1), "List-Unsubscribe").replaceAll("[<>]", "");
        app.get(Mails.link(mails.get(0), "/confirm"));

        HttpResponse<String> oneClick = app.oneClick(unsubscribeFirst);
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(oneClick.body()).get("status").asText()).isEqualTo("unsubscribed");
        assertThat(app.get(unsubscribeSecond).statusCode()).isEqualTo(200);

        JsonNode owned = JSON.readTree(app.get(Mails.link(mails.get(0), "")).body());
        assertThat(StreamSupport.stream(owned.get("items").spliterator(), false).map(i -> i.get("status").asText()))
                .containsExactly("unsubscribed", "unsubscribed");
        assertThat(StreamSupport.stream(owned.get("items").spliterator(), false).map(i -> i.get("target").get("id").asText()))
                .containsExactly("dark ambient", "JP");
        // A confirmation link of an ended subscription does not bring it back.
        assertThat(app.get(Mails.link(mails.get(1), "/confirm")).statusCode()).isEqualTo(409);
    }

    @Test
    void nobodyReadsOrEndsAnotherPersonsSubscriptions() throws Exception {
        app.post("/api/v1/subscriptions", "{\"email\": \"owner@example.com\", \"target\": {\"dimension\": \"genre\", \"id\": \"jazz\"}}");
        app.post("/api/v1/subscriptions", "{\"email\": \"other@example.com\", \"target\": {\"dimension\": \"genre\", \"id\": \"jazz\"}}");
        List<MimeMessage> mails = awaitMails(2);
        MimeMessage owners = mails.stream().filter(m -> recipient(m).equals("owner@example.com")).findFirst().orElseThrow();
        MimeMessage others = mails.stream().filter(m -> recipient(m).equals("other@example.com")).findFirst().orElseThrow();
        String ownerManage = Mails.link(owners, "");
        String othersId = JSON.readTree(app.get(Mails.link(others, "")).body()).get("items").get(0).get("id").asText();

        JsonNode ownerView = JSON.readTree(app.get(ownerManage).body());
        assertThat(ownerView.get("items")).hasSize(1);
        String token = ownerManage.substring(ownerManage.indexOf("token="));
        assertThat(app.delete("/api/v1/subscriptions/" + othersId + "?" + token).statusCode()).isEqualTo(404);
        assertThat(app.delete("/api/v1/subscriptions/not-an-id?" + token).statusCode()).isEqualTo(404);
        String ownId = ownerView.get("items").get(0).get("id").asText();
        HttpResponse<String> ended = app.delete("/api/v1/subscriptions/" + ownId + "?" + token);
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ended.body()).get("status").asText()).isEqualTo("unsubscribed");
        assertThat(JSON.readTree(app.get(Mails.link(others, "")).body()).get("items").get(0).get("status").asText())
                .isEqualTo("pending");
    }

    @Test
    void theApiCannotFloodAnInboxWithConfirmations() throws Exception {
        for (int i = 0; i < Subscriptions.MAX_CONFIRMATIONS_PER_DAY; i++) {
            assertThat(app.post("/api/v1/subscriptions", "{\"email\": \"victim@example.com\", \"target\": "
                    + "{\"dimension\": \"tag\", \"id\": \"t" + i + "\"}}").statusCode()).isEqualTo(202);
        }
        HttpResponse<String> refused = app.post("/api/v1/subscriptions",
                "{\"email\": \"VICTIM@example.com\", \"target\": {\"dimension\": \"tag\", \"id\": \"more\"}}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(awaitMails(Subscriptions.MAX_CONFIRMATIONS_PER_DAY)).hasSize(Subscriptions.MAX_CONFIRMATIONS_PER_DAY);
    }

    private static List<MimeMessage> awaitMails(int count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> MAIL.getReceivedMessages().length >= count);
        return List.of(MAIL.getReceivedMessages());
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fields(JsonNode problem) {
        return StreamSupport.stream(problem.get("errors").spliterator(), false).map(e -> e.get("field").asText()).toList();
    }
}
