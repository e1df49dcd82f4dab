package io.tracktion.ingestor.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values read from release pages, each forgiving: a JSON-LD node's text, number or schema.org property, dates in
 * Bandcamp's and ISO forms, durations, prices. Whatever cannot be read is null (or empty), never a guess.
 */
final class PageValues {

    /** Bandcamp's JSON-LD dates: "14 Mar 2025 00:00:00 GMT". */
    private static final DateTimeFormatter BANDCAMP_DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH);
    /** ISO-8601 durations as Bandcamp writes them (P00H05M12S) and as the standard does (PT5M12S). */
    private static final Pattern DURATION = Pattern.compile(
            "P(?:(\\d{1,6})D)?T?(?:(\\d{1,6})H)?(?:(\\d{1,6})M)?(?:(\\d{1,9}(?:\\.\\d{1,9})?)S)?", Pattern.CASE_INSENSITIVE);

    private PageValues() {
    }

    /** A schema.org additionalProperty value by name, as a long; null when absent or not a whole number. */
    static Long property(JsonNode node, String name) {
        JsonNode value = propertyValue(node, name);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.asText().strip().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText().strip());
        }
        return null;
    }

    static String propertyText(JsonNode node, String name) {
        return text(propertyValue(node, name));
    }

    static JsonNode propertyValue(JsonNode node, String name) {
        JsonNode properties = node == null ? null : node.get("additionalProperty");
        if (properties == null) {
            return null;
        }
        for (JsonNode property : properties.isArray() ? properties : List.of(properties)) {
            if (name.equals(text(property.get("name")))) {
                return property.get("value");
            }
        }
        return null;
    }

    /** keywords as a list, or as one comma-separated text (schema.org allows both). */
    static List<String> keywords(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText().split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return texts(node).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static JsonNode first(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : node.get(0);
        }
        return node.isObject() ? node : null;
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node == null) {
            return texts;
        }
        for (JsonNode element : node.isArray() ? node : List.of(node)) {
            String text = text(element);
            if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** A price with four decimals (the schema's scale), or null when it is not a non-negative number. */
    static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            BigDecimal value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
            if (value.signum() < 0 || value.precision() - value.scale() > 14) {
                return null;
            }
            return value.setScale(4, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "14 Mar 2025 00:00:00 GMT", or an ISO date or date-time; the UTC date. Null when unreadable. */
    static LocalDate date(String text) {
        Instant instant = instant(text);
        if (instant != null) {
            return LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC);
        }
        if (text != null) {
            try {
                return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text, BANDCAMP_DATE).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    static LocalDate creditsDate(String text) {
        String cleaned = text.replace(".", "").replace(",", "");
        for (String pattern : List.of("MMMM d yyyy", "MMM d yyyy", "d MMMM yyyy", "d MMM yyyy")) {
            try {
                return LocalDate.parse(cleaned, DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return null;
    }

    /** Whole seconds of an ISO-8601 duration, or null when unreadable. */
    static Integer seconds(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches() || text.strip().length() < 3) {
            return null;
        }
        double seconds = 0;
        long[] factors = {86_400, 3_600, 60};
        for (int group = 1; group <= 3; group++) {
            if (m.group(group) != null) {
                seconds += Long.parseLong(m.group(group)) * factors[group - 1];
            }
        }
        if (m.group(4) != null) {
            seconds += Double.parseDouble(m.group(4));
        }
        return seconds > Integer.MAX_VALUE ? null : (int) Math.round(seconds);
    }
}
