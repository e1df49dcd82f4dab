package io.tracktion.alerts.delivery;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends mail by SMTP (SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS), which also covers
 * Amazon SES's SMTP interface. Every message is text and HTML, has a Message-ID made of its delivery's id (the same
 * when a message is sent again after a crash, so mail systems can tell it is one message), and carries the one-click
 * unsubscribe of RFC 8058.
 */
@Singleton
public class EmailSender {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final Session session;
    private final InternetAddress from;
    private final String user;
    private final String password;

    public EmailSender(@Value("${smtp.host}") String host, @Value("${smtp.port}") int port,
                       @Value("${smtp.user:}") String user, @Value("${smtp.password:}") String password,
                       @Value("${smtp.from}") String from, @Value("${smtp.starttls:false}") boolean startTls) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        properties.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        properties.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
        boolean authenticates = user != null && !user.isBlank();
        properties.put("mail.smtp.auth", Boolean.toString(authenticates));
        if (startTls) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        this.session = Session.getInstance(properties);
        this.user = authenticates ? user : null;
        this.password = authenticates ? password : null;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("SMTP_FROM is not an address: " + e.getMessage(), e);
        }
    }

    /**
     * @param messageId      unique, stable for the delivery: {@code <id@tracktion>}
     * @param unsubscribeUrl the subscription's one-click unsubscribe link
     */
    public void send(String to, Rendered message, String messageId, String unsubscribeUrl) throws DeliveryException {
        try {
            MimeMessage mime = new FixedIdMessage(session, messageId);
            mime.setFrom(from);
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            mime.setSubject(Texts.oneLine(message.subject(), 200), StandardCharsets.UTF_8.name());
            // RFC 8058: a POST to the link unsubscribes, without a confirmation page in between.
            mime.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            mime.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies, please
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            mime.setContent(alternatives);
            mime.saveChanges();
            if (user == null) {
                Transport.send(mime);
            } else {
                Transport.send(mime, user, password);
            }
        } catch (AddressException e) {
            throw new DeliveryException("not an address: " + to, true, e);
        } catch (MessagingException e) {
            throw refusal(to, e);
        }
    }

    /**
     * What a failed send means: a 5xx reply of the server is a refusal for good (no such mailbox, message rejected), a
     * 4xx one or no reply at all is worth another try. Angus reports a refused recipient as a
     * {@link SendFailedException} whose chain of next exceptions holds the server's reply, so the chain is searched.
     */
    static DeliveryException refusal(String to, MessagingException error) {
        for (Exception e = error; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPAddressFailedException refused) {
                return new DeliveryException("the mail server refused " + to + ": " + oneLine(refused),
                        refused.getReturnCode() >= 500, error);
            }
            if (e instanceof SMTPSendFailedException refused) {
                return new DeliveryException("the mail server refused the message: " + oneLine(refused),
                        refused.getReturnCode() >= 500, error);
            }
        }
        if (error instanceof SendFailedException) {
            return new DeliveryException("the mail server refused the message: " + oneLine(error), false, error);
        }
        return new DeliveryException("cannot reach the mail server: " + oneLine(error), false, error);
    }

    private static String oneLine(Exception e) {
        return Texts.oneLine(String.valueOf(e.getMessage()), 300);
    }

    /** A MimeMessage that keeps the Message-ID it was given instead of making a new one on every save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
