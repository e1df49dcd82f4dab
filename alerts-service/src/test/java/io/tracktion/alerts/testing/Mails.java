package io.tracktion.alerts.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what the test SMTP server caught. */
public final class Mails {

    private static final Pattern LINK = Pattern.compile("https?://\\S+?/api/v1/subscriptions(/[a-z]+)?\\?token=[A-Za-z0-9_.-]+");

    private Mails() {
    }

    /** The plain-text part. */
    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The first link in the text to {@code /api/v1/subscriptions<path>?token=...}. */
    public static String link(MimeMessage message, String path) {
        Matcher links = LINK.matcher(text(message));
        while (links.find()) {
            String suffix = links.group(1) == null ? "" : links.group(1);
            if (suffix.equals(path)) {
                return links.group();
            }
        }
        throw new AssertionError("No link to /api/v1/subscriptions" + path + " in:\n" + text(message));
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) {
        try {
            Multipart parts = (Multipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("No " + type + " part");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
