package io.tracktion.schemas;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The canonical form of Bandcamp page URLs, the key of {@link Topics#RELEASES} and the input of
 * {@link EntityIds}: {@code https}, lower-case host, no port, query, fragment or trailing slash. The feed writes
 * protocol-relative URLs ({@code //artist.bandcamp.com/album/x}), and a feed read over plain HTTP (the
 * simulator) gives {@code http://...}: all of them name the same page.
 */
public final class ReleaseUrls {

    /** A release page: album, track or merch item, one slug deep. */
    private static final Pattern RELEASE_PATH = Pattern.compile("/(album|track|merch)/[^/]+");

    private ReleaseUrls() {
    }

    /** The canonical form of any http(s) or protocol-relative URL with a host; empty for anything else. */
    public static Optional<String> canonical(String url) {
        return parse(url).map(parts -> "https://" + parts.host() + path(parts.rawPath()));
    }

    /** The canonical URL of the release page {@code url} points to; empty when it is not an album, track or merch page. */
    public static Optional<String> release(String url) {
        return parse(url).flatMap(parts -> {
            String path = path(parts.rawPath());
            return RELEASE_PATH.matcher(path).matches() ? Optional.of("https://" + parts.host() + path) : Optional.empty();
        });
    }

    /** The root of the site {@code url} is on, e.g. {@code https://artist.bandcamp.com}. */
    public static Optional<String> root(String url) {
        return parse(url).map(parts -> "https://" + parts.host());
    }

    /** album, track or merch for a release URL; empty otherwise. */
    public static Optional<String> kind(String url) {
        return release(url).map(canonical -> canonical.substring(canonical.indexOf('/', "https://".length()) + 1))
                .map(path -> path.substring(0, path.indexOf('/')));
    }

    /** A URL's host, in lower case, and its raw path ("" for none). */
    private record Parts(String host, String rawPath) {
    }

    private static Optional<Parts> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String text = url.strip();
        Parts plain = plain(text);
        return plain != null ? Optional.of(plain) : parseAsUri(text);
    }

    /**
     * The parts of a URL in the plain form the feed writes (a lower-case scheme or none, a host name of lower-case
     * letters, digits and hyphens, a path of unreserved characters), read without {@link URI}, whose parser took a
     * tenth of the loader's consumer threads; null for anything else, which {@link URI} reads as before.
     */
    private static Parts plain(String text) {
        int hostStart;
        if (text.startsWith("https://")) {
            hostStart = 8;
        } else if (text.startsWith("//")) {
            hostStart = 2;
        } else if (text.startsWith("http://")) {
            hostStart = 7;
        } else {
            return null;
        }
        int pathStart = text.indexOf('/', hostStart);
        if (pathStart < 0) {
            pathStart = text.length();
        }
        if (!isPlainHostName(text, hostStart, pathStart)) {
            return null;
        }
        for (int i = pathStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isLowerAlphanumeric(c) || (c >= 'A' && c <= 'Z') || c == '/' || c == '-' || c == '.' || c == '_'
                    || c == '~')) {
                return null;
            }
        }
        return new Parts(text.substring(hostStart, pathStart), text.substring(pathStart));
    }

    /**
     * Whether {@code text[from, to)} is a host name as {@link URI} reads one: labels of letters, digits and inner
     * hyphens, the last starting with a letter. In lower case only, so that it is already canonical.
     */
    private static boolean isPlainHostName(String text, int from, int to) {
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '.') {
                if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return false;
                }
                if (i == to && !(text.charAt(labelStart) >= 'a' && text.charAt(labelStart) <= 'z')) {
                    return false;
                }
                labelStart = i + 1;
            } else if (!isLowerAlphanumeric(text.charAt(i)) && text.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static Optional<Parts> parseAsUri(String text) {
        String absolute = text.startsWith("//") ? "https:" + text : text;
        try {
            URI uri = new URI(absolute);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            return Optional.of(new Parts(uri.getHost().toLowerCase(Locale.ROOT),
                    uri.getRawPath() == null ? "" : uri.getRawPath()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The raw path without trailing slashes and with repeated slashes folded; "" for the root. By hand rather than
     * by regular expressions: the loader and the transformer ask this for every sale.
     */
    private static String path(String raw) {
        StringBuilder path = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '/' || path.isEmpty() || path.charAt(path.length() - 1) != '/') {
                path.append(c);
            }
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
