package io.tracktion.alerts.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;

/** A person who subscribes through the API and confirms from the mail, as the README tells them to. */
public final class Subscriber {

    private Subscriber() {
    }

    /** Subscribes with {@code json} and follows the confirmation link; returns the subscription's id. */
    public static String subscribeAndConfirm(AlertsApp app, GreenMailExtension mail, String email, String json) {
        int before = confirmations(mail, email).size();
        HttpResponse<String> created = app.post("/api/v1/subscriptions", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        MimeMessage confirmation = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> confirmations(mail, email), mails -> mails.size() > before).get(before);
        assertThat(app.get(Mails.link(confirmation, "/confirm")).statusCode()).isEqualTo(200);
        String body = created.body();
        return body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf('"', body.indexOf("\"id\":\"") + 6));
    }

    private static List<MimeMessage> confirmations(GreenMailExtension mail, String to) {
        return mailsTo(mail, to).stream().filter(m -> subject(m).startsWith("Confirm")).toList();
    }

    public static MimeMessage awaitMail(GreenMailExtension mail, String to, java.util.function.Predicate<MimeMessage> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsTo(mail, to).stream().filter(which).findFirst(), java.util.Optional::isPresent).get();
    }

    public static List<MimeMessage> mailsTo(GreenMailExtension mail, String to) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(to)).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
