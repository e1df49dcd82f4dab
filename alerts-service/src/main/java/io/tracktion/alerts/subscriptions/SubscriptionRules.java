package io.tracktion.alerts.subscriptions;

import io.tracktion.alerts.problem.InvalidRequestException;
import io.tracktion.problem.Problem.FieldError;
import io.tracktion.problem.Problem;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.ReleaseUrls;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a subscription request must be, field by field (pure): every problem is reported at once, each under the
 * JSON path of its field, so a client fixes its request in one round.
 */
public final class SubscriptionRules {

    static final Set<String> DIMENSIONS = Set.of("artist", "release", "label", "tag", "genre", "country", "store");
    static final Set<String> CHANNELS = Set.of("email", "webhook");
    static final Set<String> WEBHOOK_FORMATS = Set.of("slack", "discord", "json");
    static final Set<String> DIGESTS = Set.of("none", "hourly", "daily");
    /** The one entity of dimension store, as the transformer names it. */
    static final String WHOLE_STORE = "all";

    private static final int MAX_EMAIL = 254;
    private static final int MAX_URL = 2048;
    private static final int MAX_NAME = 100;
    private static final Pattern ENTITY_ID = Pattern.compile("[a-z2-7]{16}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{2}:\\d{2}");

    private SubscriptionRules() {
    }

    /** The request as a subscription, or every problem with it. */
    public static NewSubscription check(SubscriptionRequest request) {
        if (request == null) {
            throw InvalidRequestException.of("(body)", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        String email = email(request.email(), errors);
        String[] target = target(request.target(), errors);
        List<String> kinds = kinds(request.kinds(), errors);
        String channel = oneOf("channel", request.channel(), CHANNELS, "email", errors);
        URI webhookUrl = null;
        String webhookFormat = null;
        if ("webhook".equals(channel)) {
            webhookUrl = webhookUrl(request.webhookUrl(), errors);
            webhookFormat = oneOf("webhookFormat", request.webhookFormat(), WEBHOOK_FORMATS, "json", errors);
        } else {
            if (request.webhookUrl() != null) {
                errors.add(new FieldError("webhookUrl", "is only for channel webhook"));
            }
            if (request.webhookFormat() != null) {
                errors.add(new FieldError("webhookFormat", "is only for channel webhook"));
            }
        }
        ZoneId zone = timeZone(request.timeZone(), errors);
        LocalTime[] quiet = quietHours(request.quietHours(), errors);
        String digest = oneOf("digest", request.digest(), DIGESTS, "none", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new NewSubscription(email, email.toLowerCase(Locale.ROOT), target[0], target[1], target[2], kinds,
                channel, webhookUrl, webhookFormat, zone, quiet[0], quiet[1], digest);
    }

    /** One plain address, {@code local@domain}: no display name, no list, nothing that could become a header. */
    static String email(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("email", "is required"));
            return null;
        }
        if (value.length() > MAX_EMAIL || CONTROL.matcher(value).find()) {
            errors.add(new FieldError("email", "must be one address of at most " + MAX_EMAIL
                    + " characters, without line breaks or control characters"));
            return null;
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            String plain = address.getAddress();
            int at = plain.indexOf('@');
            if (!plain.equals(value) || at <= 0 || at == plain.length() - 1 || plain.contains(",")) {
                throw new AddressException("not a plain address");
            }
            return plain;
        } catch (AddressException e) {
            errors.add(new FieldError("email", "must be a plain e-mail address such as name@example.com"));
            return null;
        }
    }

    /** {dimension, entity id, canonical URL or null}. */
    static String[] target(SubscriptionRequest.Target target, List<FieldError> errors) {
        String[] none = {null, null, null};
        if (target == null) {
            errors.add(new FieldError("target", "is required: {\"dimension\": ..., \"id\" or \"url\": ...}"));
            return none;
        }
        String dimension = target.dimension() == null ? null : target.dimension().strip().toLowerCase(Locale.ROOT);
        if (dimension == null || !DIMENSIONS.contains(dimension)) {
            errors.add(new FieldError("target.dimension", "must be one of " + String.join(", ", sorted(DIMENSIONS))));
            return none;
        }
        String id = target.id() == null || target.id().isBlank() ? null : target.id().strip();
        String url = target.url() == null || target.url().isBlank() ? null : target.url().strip();
        switch (dimension) {
            case "store" -> {
                if (url != null || (id != null && !id.equals(WHOLE_STORE))) {
                    errors.add(new FieldError("target.id", "the whole store has no id but " + WHOLE_STORE));
                    return none;
                }
                return new String[] {dimension, WHOLE_STORE, null};
            }
            case "artist", "label", "release" -> {
                if ((id == null) == (url == null)) {
                    errors.add(new FieldError("target", "give either id or url of the " + dimension));
                    return none;
                }
                if (id != null) {
                    if (!ENTITY_ID.matcher(id).matches()) {
                        errors.add(new FieldError("target.id", "must be a Tracktion id: 16 characters a-z and 2-7"));
                        return none;
                    }
                    return new String[] {dimension, id, null};
                }
                return fromUrl(dimension, url, errors);
            }
            default -> { // tag, genre, country
                if (url != null) {
                    errors.add(new FieldError("target.url", "a " + dimension + " is named by its id"));
                    return none;
                }
                if (id == null) {
                    errors.add(new FieldError("target.id", "is required for a " + dimension));
                    return none;
                }
                if (dimension.equals("country")) {
                    if (!COUNTRY.matcher(id).matches()) {
                        errors.add(new FieldError("target.id", "must be a two-letter ISO country code such as DE"));
                        return none;
                    }
                    return new String[] {dimension, id.toUpperCase(Locale.ROOT), null};
                }
                String name = tagName(id);
                if (name.isEmpty() || name.length() > MAX_NAME || CONTROL.matcher(name).find()) {
                    errors.add(new FieldError("target.id", "must be a " + dimension + " name of 1 to " + MAX_NAME
                            + " characters"));
                    return none;
                }
                return new String[] {dimension, name, null};
            }
        }
    }

    /** A tag's or genre's canonical name, as the ingestor's tag vocabulary writes it. */
    static String tagName(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    private static String[] fromUrl(String dimension, String url, List<FieldError> errors) {
        if (url.length() > MAX_URL) {
            errors.add(new FieldError("target.url", "is longer than " + MAX_URL + " characters"));
            return new String[] {null, null, null};
        }
        if (dimension.equals("release")) {
            Optional<String> release = ReleaseUrls.release(url);
            if (release.isEmpty()) {
                errors.add(new FieldError("target.url", "must be a Bandcamp album, track or merch page, such as "
                        + "https://artist.bandcamp.com/album/title"));
                return new String[] {null, null, null};
            }
            return new String[] {dimension, EntityIds.release(release.get()), release.get()};
        }
        Optional<String> root = ReleaseUrls.root(url);
        if (root.isEmpty()) {
            errors.add(new FieldError("target.url", "must be the http(s) address of a Bandcamp site, such as "
                    + "https://artist.bandcamp.com"));
            return new String[] {null, null, null};
        }
        String id = dimension.equals("artist") ? EntityIds.artist(root.get()) : EntityIds.label(root.get());
        return new String[] {dimension, id, root.get()};
    }

    static List<String> kinds(List<String> kinds, List<FieldError> errors) {
        if (kinds == null) {
            return Kinds.DEFAULT;
        }
        if (kinds.isEmpty()) {
            errors.add(new FieldError("kinds", "must name at least one kind: " + String.join(", ", sorted(Kinds.ALL))));
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            String kind = kinds.get(i) == null ? "" : kinds.get(i).strip().toLowerCase(Locale.ROOT);
            if (!Kinds.ALL.contains(kind)) {
                errors.add(new FieldError("kinds[" + i + "]", "must be one of " + String.join(", ", sorted(Kinds.ALL))));
            } else {
                found.add(kind);
            }
        }
        return List.copyOf(found);
    }

    static URI webhookUrl(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("webhookUrl", "is required for channel webhook"));
            return null;
        }
        String problem = "must be an absolute http or https URL of at most " + MAX_URL + " characters, with a host "
                + "and no user name or password";
        if (value.length() > MAX_URL || CONTROL.matcher(value).find()) {
            errors.add(new FieldError("webhookUrl", problem));
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                errors.add(new FieldError("webhookUrl", problem));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            errors.add(new FieldError("webhookUrl", problem));
            return null;
        }
    }

    static ZoneId timeZone(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "must be a time zone such as Europe/Berlin or UTC"));
            return null;
        }
    }

    static LocalTime[] quietHours(SubscriptionRequest.QuietHours quiet, List<FieldError> errors) {
        LocalTime[] none = {null, null};
        if (quiet == null) {
            return none;
        }
        LocalTime from = localTime("quietHours.from", quiet.from(), errors);
        LocalTime to = localTime("quietHours.to", quiet.to(), errors);
        if (from != null && from.equals(to)) {
            errors.add(new FieldError("quietHours", "from and to must differ"));
        }
        return from == null || to == null ? none : new LocalTime[] {from, to};
    }

    private static LocalTime localTime(String field, String value, List<FieldError> errors) {
        if (value == null || !LOCAL_TIME.matcher(value.strip()).matches()) {
            errors.add(new FieldError(field, "must be a local time HH:mm, such as 22:00"));
            return null;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a local time HH:mm, such as 22:00"));
            return null;
        }
    }

    private static String oneOf(String field, String value, Set<String> allowed, String absent, List<FieldError> errors) {
        if (value == null) {
            return absent;
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalized)) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ", sorted(allowed))));
            return null;
        }
        return normalized;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
