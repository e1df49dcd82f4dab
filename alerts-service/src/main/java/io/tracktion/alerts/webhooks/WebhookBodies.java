package io.tracktion.alerts.webhooks;

import io.micronaut.json.JsonMapper;
import io.tracktion.alerts.delivery.DeliveryException;
import io.tracktion.alerts.delivery.StoredAlert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A message as the body a webhook of each format expects, with the headers that belong to it. All of it is JSON
 * written by the JSON library, so no name from outside can break out of its string; every body is at most
 * {@link #MAX_BODY} bytes.
 */
final class WebhookBodies {

    /** The most a request body may be: a digest of many alerts loses its last ones rather than grow beyond. */
    static final int MAX_BODY = 256 * 1024;
    /** Discord refuses longer content. */
    static final int DISCORD_MAX = 2000;
    /** Slack advises at most this much text per message. */
    static final int SLACK_MAX = 4000;

    /** What is posted: the body, and the headers that depend on it. */
    record Body(byte[] bytes, Map<String, String> headers) {
    }

    private final JsonMapper json;

    WebhookBodies(JsonMapper json) {
        this.json = json;
    }

    /** @throws DeliveryException permanent: the message cannot be written in this format */
    Body of(String format, String secret, WebhookMessage message, Instant now) throws DeliveryException {
        Body body = switch (format == null ? "" : format) {
            case "slack" -> new Body(write(slack(message)), Map.of());
            case "discord" -> new Body(write(discord(message)), Map.of());
            case "json" -> signed(json(message), secret, now);
            default -> throw new DeliveryException("unknown webhook format: " + format, true, null);
        };
        if (body.bytes().length > MAX_BODY) {
            throw new DeliveryException("the message is larger than " + MAX_BODY + " bytes", true, null);
        }
        return body;
    }

    /**
     * Slack's incoming webhooks: mrkdwn text, in which {@code &}, {@code <} and {@code >} are escaped so that a name
     * cannot become a link or a mention such as {@code <!channel>}. No link previews: Slack would fetch the links, and
     * a GET of the unsubscribe link unsubscribes.
     */
    private static Map<String, Object> slack(WebhookMessage message) {
        String text = chatText(message, SLACK_MAX).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("unfurl_links", false);
        body.put("unfurl_media", false);
        return body;
    }

    /**
     * Discord's webhooks: no mentions parsed (a name like {@code @everyone} pings nobody) and no embeds (flag
     * SUPPRESS_EMBEDS), so Discord does not fetch the links either.
     */
    private static Map<String, Object> discord(WebhookMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", chatText(message, DISCORD_MAX));
        body.put("allowed_mentions", Map.of("parse", List.of()));
        body.put("flags", 4);
        return body;
    }

    /**
     * Subject and plain text, at most {@code max} characters. Cut short, it ends with an ellipsis and keeps the links
     * to the entity and to unsubscribe, which the end of the text would otherwise have carried.
     */
    static String chatText(WebhookMessage message, int max) {
        String full = message.rendered().subject() + "\n" + message.rendered().text().strip();
        if (full.length() <= max) {
            return full;
        }
        String footer = "…\n" + message.entityLink() + "\nUnsubscribe: " + message.unsubscribeLink();
        String cut = prefix(full, max - footer.length()) + footer;
        return cut.length() <= max ? cut : prefix(full, max - 1) + "…";
    }

    /** At most {@code length} characters, never half a surrogate pair. */
    private static String prefix(String text, int length) {
        int end = Math.max(0, length);
        return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? text.substring(0, end - 1)
                : text.substring(0, end);
    }

    /** The json format: as many alerts as fit into {@link #MAX_BODY}, the number left out said. */
    private byte[] json(WebhookMessage message) throws DeliveryException {
        List<Map<String, Object>> alerts = message.alerts().stream().map(WebhookBodies::alert).toList();
        byte[] all = write(document(message, alerts, alerts.size()));
        if (all.length <= MAX_BODY) {
            return all;
        }
        int fits = 0;
        int tooMany = alerts.size();
        while (tooMany - fits > 1) {
            int middle = (fits + tooMany) >>> 1;
            if (write(document(message, alerts, middle)).length <= MAX_BODY) {
                fits = middle;
            } else {
                tooMany = middle;
            }
        }
        return write(document(message, alerts, fits));
    }

    private static Map<String, Object> document(WebhookMessage message, List<Map<String, Object>> alerts, int count) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", message.deliveryId().toString());
        document.put("subscriptionId", message.subscriptionId().toString());
        document.put("subject", message.rendered().subject());
        document.put("alerts", alerts.subList(0, count));
        if (count < alerts.size()) {
            document.put("omittedAlerts", alerts.size() - count);
        }
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("entity", message.entityLink());
        links.put("unsubscribe", message.unsubscribeLink());
        document.put("links", links);
        return document;
    }

    /** Kind and time first; the payload's own fields may not replace them. */
    private static Map<String, Object> alert(StoredAlert alert) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", alert.kind());
        fields.put("at", alert.at().toString());
        alert.payload().forEach(fields::putIfAbsent);
        return fields;
    }

    private static Body signed(byte[] body, String secret, Instant now) throws DeliveryException {
        if (secret == null || secret.isEmpty()) {
            throw new DeliveryException("the subscription has no secret to sign its webhook messages", true, null);
        }
        String timestamp = Long.toString(now.getEpochSecond());
        return new Body(body, Map.of("X-Tracktion-Timestamp", timestamp,
                "X-Tracktion-Signature", signature(secret, timestamp, body)));
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code <timestamp>.<body>}, keyed with the secret's UTF-8 bytes. */
    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private byte[] write(Map<String, Object> body) throws DeliveryException {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new DeliveryException("cannot write the webhook message: " + e.getMessage(), true, e);
        }
    }
}
