package io.tracktion.alerts.delivery;

import io.tracktion.alerts.subscriptions.Subscription;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders messages from the templates in {@code /templates}: each alert as one line stating the numbers behind it,
 * in the subscriber's time zone; names from outside made safe for a subject line and for HTML.
 */
@Singleton
public class MessageRenderer {

    /** Alerts listed in one message at most; a busy digest says how many more there were. */
    static final int MAX_LISTED = 50;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    private final Map<String, String> templates = Map.of(
            "alerts.txt", load("alerts.txt"), "alerts.html", load("alerts.html"),
            "confirmation.txt", load("confirmation.txt"), "confirmation.html", load("confirmation.html"));

    public Rendered confirmation(Subscription s, String confirmLink, String manageLink) {
        String target = target(s);
        String kinds = String.join(", ", s.kinds());
        String channel = s.channel().equals("email") ? s.email() : "a " + s.webhookFormat() + " webhook";
        Map<String, String> text = Map.of("target", target, "kinds", kinds, "channel", channel,
                "confirmLink", confirmLink, "manageLink", manageLink);
        Map<String, String> html = Map.of("target", Texts.html(target), "kinds", Texts.html(kinds),
                "channel", Texts.html(channel), "confirmLink", Texts.html(confirmLink), "manageLink", Texts.html(manageLink));
        return new Rendered("Confirm your Tracktion alerts about " + target,
                fill(templates.get("confirmation.txt"), text), fill(templates.get("confirmation.html"), html));
    }

    /** @param manageLink null for a message that does not go to the subscriber's own inbox (a webhook) */
    public Rendered alerts(Subscription s, List<StoredAlert> alerts, String entityLink, String unsubscribeLink,
                           String manageLink) {
        String entity = entityName(s, alerts);
        String heading = alerts.size() == 1 ? entity + ": " + headline(alerts.get(0))
                : entity + ": " + alerts.size() + " alerts";
        StringBuilder textItems = new StringBuilder();
        StringBuilder htmlItems = new StringBuilder();
        for (StoredAlert alert : alerts.subList(0, Math.min(alerts.size(), MAX_LISTED))) {
            String line = headline(alert) + " (" + TIME.format(alert.at().atZone(s.timeZone())) + ")";
            String about = about(s, alert);
            textItems.append("- ").append(about == null ? "" : about + ": ").append(line).append('\n');
            htmlItems.append("<li>").append(about == null ? "" : "<b>" + Texts.html(about) + "</b>: ")
                    .append(Texts.html(line)).append("</li>\n");
        }
        if (alerts.size() > MAX_LISTED) {
            String more = "… and " + (alerts.size() - MAX_LISTED) + " more";
            textItems.append("- ").append(more).append('\n');
            htmlItems.append("<li>").append(Texts.html(more)).append("</li>\n");
        }
        String target = target(s);
        Map<String, String> text = Map.of("heading", Texts.oneLine(heading, 200), "items", textItems.toString(),
                "entity", entity, "entityLink", entityLink, "subscriber", subscriber(s, manageLink), "target", target,
                "unsubscribeLink", unsubscribeLink,
                "manage", manageLink == null ? "" : "\nAll your subscriptions: " + manageLink);
        Map<String, String> html = Map.of("heading", Texts.html(Texts.oneLine(heading, 200)), "items", htmlItems.toString(),
                "entity", Texts.html(entity), "entityLink", Texts.html(entityLink),
                "subscriber", Texts.html(subscriber(s, manageLink)),
                "target", Texts.html(target), "unsubscribeLink", Texts.html(unsubscribeLink),
                "manage", manageLink == null ? ""
                        : " · <a href=\"" + Texts.html(manageLink) + "\">All your subscriptions</a>");
        return new Rendered(Texts.oneLine("Tracktion: " + heading, 200), fill(templates.get("alerts.txt"), text),
                fill(templates.get("alerts.html"), html));
    }

    /** The subscriber's own address in their inbox; in a shared channel (no manage link), nobody's. */
    private static String subscriber(Subscription s, String manageLink) {
        return manageLink == null ? "someone" : s.email();
    }

    /** What one alert says, with its numbers. */
    static String headline(StoredAlert a) {
        return switch (a.kind()) {
            case "first_sale" -> "first sale seen by Tracktion" + money(" for USD ", a.text("observed"))
                    + country(" to ", a.text("country"));
            case "new_country" -> "first sale to " + a.text("country") + " (" + whole(a.text("observed"))
                    + " countries so far)";
            case "milestone" -> "revenueUsd".equals(a.text("metric"))
                    ? "passed USD " + whole(a.text("threshold")) + " in sales (now USD " + twoPlaces(a.text("observed")) + ")"
                    : "passed " + whole(a.text("threshold")) + " items sold (now " + whole(a.text("observed")) + ")";
            case "spike" -> whole(a.text("observed")) + " sold in the last hour where about "
                    + twoPlaces(a.text("expected")) + " were expected (probability " + probability(a.text("probability")) + ")";
            case "chart_entry" -> "entered the top " + whole(a.text("threshold")) + " of "
                    + ("store".equals(a.text("scope")) ? "Bandcamp" : String.valueOf(a.text("scope")).replace("genre=", ""))
                    + " over 24 hours at #" + a.text("rank") + " (" + whole(a.text("observed")) + " sold)";
            case "sale" -> "sold " + quoted(a.text("title")) + " for " + amount(a.text("amount"), a.text("currency")) + " " + a.text("currency")
                    + money(" (USD ", a.text("amountUsd")) + (a.text("amountUsd") == null ? "" : ")")
                    + country(" to a buyer in ", a.text("country"));
            default -> a.kind();
        };
    }

    /** For a store or country subscription, whom an alert is about. */
    private static String about(Subscription s, StoredAlert a) {
        String name = a.text("entityName");
        return (s.dimension().equals("store") || s.dimension().equals("country")) && name != null
                ? Texts.oneLine(name, 100) : null;
    }

    private static String entityName(Subscription s, List<StoredAlert> alerts) {
        if (s.dimension().equals("store")) {
            return "Bandcamp";
        }
        if (s.dimension().equals("country")) {
            return "buyers in " + s.entityId();
        }
        for (StoredAlert alert : alerts) {
            String name = alert.text("entityName");
            if (name != null && !name.isBlank()) {
                return Texts.oneLine(name, 100);
            }
        }
        return s.entityId();
    }

    static String target(Subscription s) {
        return switch (s.dimension()) {
            case "store" -> "all of Bandcamp";
            case "country" -> "buyers in " + s.entityId();
            default -> "the " + s.dimension() + " " + (s.entityUrl() != null ? s.entityUrl() : s.entityId());
        };
    }

    private static String money(String prefix, String amount) {
        return amount == null ? "" : prefix + twoPlaces(amount);
    }

    private static String country(String prefix, String code) {
        return code == null ? "" : prefix + code;
    }

    private static String quoted(String title) {
        return title == null ? "an item" : "\u201c" + Texts.oneLine(title, 100) + "\u201d";
    }

    /** The seller's amount as its currency writes prices: 15.00 CAD, 1500 JPY; more digits when it has them. */
    private static String amount(String number, String currency) {
        BigDecimal value = new BigDecimal(number).stripTrailingZeros();
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            digits = 2;
        }
        return value.setScale(Math.max(digits, value.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String whole(String number) {
        return number == null ? "?" : new BigDecimal(number).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    private static String twoPlaces(String number) {
        return number == null ? "?" : new BigDecimal(number).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String probability(String value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%.2g", Double.parseDouble(value));
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return out;
    }

    private static String load(String name) {
        try (InputStream in = MessageRenderer.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Template missing: /templates/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
