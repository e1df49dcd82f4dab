package io.tracktion.alerts.delivery;

import io.micronaut.context.annotation.Value;
import io.tracktion.alerts.tokens.Tokens;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The links in messages, from PUBLIC_BASE_URL, each with a signed token where it changes something. */
@Singleton
public class Links {

    private final String base;
    private final Tokens tokens;

    public Links(@Value("${alerts.public-base-url}") String base, Tokens tokens) {
        this.base = base.strip().replaceAll("/+$", "");
        this.tokens = tokens;
    }

    public String confirm(UUID subscription, Instant now) {
        return base + "/api/v1/subscriptions/confirm?token=" + tokens.issue(Tokens.Purpose.CONFIRM, subscription.toString(), now);
    }

    public String unsubscribe(UUID subscription, Instant now) {
        return base + "/api/v1/subscriptions/unsubscribe?token="
                + tokens.issue(Tokens.Purpose.UNSUBSCRIBE, subscription.toString(), now);
    }

    public String manage(String recipient, Instant now) {
        return base + "/api/v1/subscriptions?token=" + tokens.issue(Tokens.Purpose.MANAGE, recipient, now);
    }

    /** The entity's page in the API, or the API's root for a country or the whole store. */
    public String entity(String dimension, String id) {
        String collection = switch (dimension) {
            case "artist" -> "artists";
            case "release" -> "releases";
            case "label" -> "labels";
            case "tag", "genre" -> "tags";
            default -> null;
        };
        return collection == null ? base + "/" : base + "/api/v1/" + collection + "/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
