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
        return parse(url).map(uri -> "https://" + uri.getHost().toLowerCase(Locale.ROOT) + path(uri));
    }

    /** The canonical URL of the release page {@code url} points to; empty when it is not an album, track or merch page. */
    public static Optional<String> release(String url) {
        return parse(url).flatMap(uri -> {
            String path = path(uri);
            return RELEASE_PATH.matcher(path).matches()
                    ? Optional.of("https://" + uri.getHost().toLowerCase(Locale.ROOT) + path) : Optional.empty();
        });
    }

    /** The root of the site {@code url} is on, e.g. {@code https://artist.bandcamp.com}. */
    public static Optional<String> root(String url) {
        return parse(url).map(uri -> "https://" + uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** album, track or merch for a release URL; empty otherwise. */
    public static Optional<String> kind(String url) {
        return release(url).map(canonical -> canonical.substring(canonical.indexOf('/', "https://".length()) + 1))
                .map(path -> path.substring(0, path.indexOf('/')));
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String text = url.strip();
        if (text.startsWith("//")) {
            text = "https:" + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The raw path without trailing slashes and with repeated slashes folded; "" for the root. By hand rather than
     * by regular expressions: the loader and the transformer ask this for every sale.
     */
    private static String path(URI uri) {
        String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
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
