package io.tracktion.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.alerts.subscriptions.Subscription;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each kind of alert says, and how a message stays readable with a name from outside or many alerts. */
class MessageRendererTest {

    final MessageRenderer renderer = new MessageRenderer();
    final Subscription artist = subscription("artist", "abcdefghijklmnop");

    @Test
    void eachKindStatesTheNumbersBehindIt() {
        assertThat(MessageRenderer.headline(alert("first_sale", Map.of("observed", "7.0000", "country", "JP"))))
                .isEqualTo("first sale seen by Tracktion for USD 7.00 to JP");
        assertThat(MessageRenderer.headline(alert("new_country", Map.of("country", "BR", "observed", "12.0000"))))
                .isEqualTo("first sale to BR (12 countries so far)");
        assertThat(MessageRenderer.headline(alert("milestone", Map.of("metric", "revenueUsd", "threshold", "1000.0000",
                "observed", "1003.5000")))).isEqualTo("passed USD 1000 in sales (now USD 1003.50)");
        assertThat(MessageRenderer.headline(alert("spike", Map.of("observed", "20.0000", "expected", "0.4167",
                "probability", 1.234e-19)))).isEqualTo("20 sold in the last hour where about 0.42 were expected (probability 1.2e-19)");
        assertThat(MessageRenderer.headline(alert("chart_entry", Map.of("threshold", "10.0000", "scope", "genre=jazz",
                "rank", 3, "observed", "41.0000")))).isEqualTo("entered the top 10 of jazz over 24 hours at #3 (41 sold)");
        assertThat(MessageRenderer.headline(alert("sale", Map.of("title", "Lanterns\nBcc: x", "amount", "10.0000",
                "currency", "EUR", "amountUsd", "11.6200", "country", "DE"))))
                .isEqualTo("sold \u201cLanterns Bcc: x\u201d for 10.00 EUR (USD 11.62) to a buyer in DE");
        assertThat(MessageRenderer.headline(alert("sale", Map.of("title", "Tape", "amount", "1500", "currency", "JPY"))))
                .isEqualTo("sold \u201cTape\u201d for 1500 JPY");
    }

    @Test
    void namesFromOutsideStayOneLineInTheSubjectAndEscapedInHtml() {
        StoredAlert alert = new StoredAlert("s1", "milestone", Instant.parse("2026-12-05T10:00:00Z"),
                Map.of("entityName", "<b>Evil</b>\r\nBcc: x@y", "threshold", "10.0000", "observed", "10.0000"));
        Rendered message = renderer.alerts(artist, List.of(alert), "http://a/e", "http://a/u", "http://a/m");
        assertThat(message.subject()).isEqualTo("Tracktion: <b>Evil</b> Bcc: x@y: passed 10 items sold (now 10)")
                .doesNotContain("\n", "\r");
        assertThat(message.html()).contains("&lt;b&gt;Evil&lt;/b&gt; Bcc: x@y").doesNotContain("<b>Evil");
        assertThat(message.text()).contains("11:00 CET", "http://a/u", "http://a/m", "http://a/e");
    }

    @Test
    void theManageLinkIsOnlyInMessagesToTheSubscribersOwnInbox() {
        StoredAlert alert = alert("milestone", Map.of("entityName", "X", "threshold", "10", "observed", "10"));
        Rendered mail = renderer.alerts(artist, List.of(alert), "http://a/e", "http://a/u", "http://a/m");
        assertThat(mail.text()).contains("All your subscriptions: http://a/m");
        assertThat(mail.html()).contains("<a href=\"http://a/m\">All your subscriptions</a>");

        Rendered webhook = renderer.alerts(artist, List.of(alert), "http://a/e", "http://a/u", null);
        assertThat(webhook.text()).contains("http://a/u")
                .doesNotContain("All your subscriptions", "http://a/m", "null", artist.email());
        assertThat(webhook.html()).doesNotContain("All your subscriptions", "null", artist.email());
        assertThat(mail.text()).contains("You get this because " + artist.email() + " subscribed");
    }

    @Test
    void aLongDigestListsTheFirstFiftyAndSaysHowManyMore() {
        List<StoredAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            alerts.add(alert("sale", Map.of("title", "Item " + i, "amount", "1.00", "currency", "USD", "amountUsd", "1.0000")));
        }
        Rendered message = renderer.alerts(artist, alerts, "e", "u", "m");
        assertThat(message.subject()).isEqualTo("Tracktion: abcdefghijklmnop: 70 alerts");
        assertThat(message.text()).contains("Item 49").doesNotContain("Item 50").contains("… and 20 more");
    }

    private static StoredAlert alert(String kind, Map<String, Object> payload) {
        return new StoredAlert("id-" + kind, kind, Instant.parse("2026-12-05T10:00:00Z"), payload);
    }

    private static Subscription subscription(String dimension, String id) {
        return new Subscription(java.util.UUID.randomUUID(), "a@example.com", "a@example.com", dimension, id, null,
                List.of("spike"), "email", null, null, null, ZoneId.of("Europe/Berlin"), null, null, "none",
                Subscription.ACTIVE, null, Instant.EPOCH, Instant.EPOCH, null);
    }
}
