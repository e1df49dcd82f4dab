package io.tracktion.ingestor;

import io.tracktion.schemas.SchemaRegistryConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingestor's configuration, checked at startup so that a typo stops the service with a message naming
 * the environment variable instead of surfacing later as odd behaviour.
 *
 * @param feedBaseUrl           {@code BANDCAMP_BASE_URL} without trailing slash
 * @param pollInterval          {@code BANDCAMP_POLL_INTERVAL}: the wait between windows once caught up
 * @param httpTimeout           {@code BANDCAMP_HTTP_TIMEOUT}: connect and whole-request timeout
 * @param kafkaBootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param schemaRegistry        {@code SCHEMA_REGISTRY_URL}
 */
public record IngestorSettings(String feedBaseUrl, Duration pollInterval, Duration httpTimeout,
                               String kafkaBootstrapServers, SchemaRegistryConfig schemaRegistry) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** Reads the raw setting texts; throws {@link IllegalArgumentException} naming the bad setting. */
    public static IngestorSettings of(String feedBaseUrl, String pollInterval, String httpTimeout,
                                      String kafkaBootstrapServers, String schemaRegistryUrl) {
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must not be empty");
        }
        return new IngestorSettings(baseUrl(feedBaseUrl),
                duration("BANDCAMP_POLL_INTERVAL", pollInterval),
                duration("BANDCAMP_HTTP_TIMEOUT", httpTimeout),
                kafkaBootstrapServers.trim(),
                SchemaRegistryConfig.of(schemaRegistryUrl));
    }

    /** An absolute http(s) URL with a host, no query or fragment; trailing slashes removed. */
    static String baseUrl(String text) {
        return baseUrl(text, "BANDCAMP_BASE_URL");
    }

    static String baseUrl(String text, String name) {
        String problem = name + " must be an http(s) URL such as https://bandcamp.com, not '" + text + "'";
        if (text == null) {
            throw new IllegalArgumentException(problem);
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(problem);
            }
            return uri.toString().replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }

    /** A positive duration: {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}, {@code 7d}, or ISO-8601 ({@code PT1M}). */
    static Duration duration(String name, String text) {
        String problem = name + " must be a positive duration such as 60s, 500ms, 2m, 1h, 7d or PT1M, not '" + text + "'";
        if (text == null) {
            throw new IllegalArgumentException(problem);
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher shortForm = SHORT_DURATION.matcher(value);
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                duration = switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else if (value.startsWith("p")) {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException(problem);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(problem, e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(problem);
        }
        return duration;
    }
}
