package io.tracktion.transformer.parse;

import java.net.URI;
import java.util.Locale;

/**
 * An item's page URL made absolute, and the root of the site it is on.
 *
 * <p>The feed writes protocol-relative URLs ({@code //artist.bandcamp.com/album/x}); they take the
 * scheme of the feed they came from, so a feed served over {@code http://127.0.0.1:port} yields
 * {@code http://artist.bandcamp.com/album/x}. Relative URLs resolve per RFC 3986, absolute ones are
 * kept. Only http(s) URLs with a host are accepted: anything else, or a malformed URL, gives nulls
 * (the URL is informative, never a reason to drop a sale).
 */
public record ItemUrls(String url, String artistUrl) {

    private static final ItemUrls NONE = new ItemUrls(null, null);

    public static ItemUrls resolve(String feedBaseUrl, String itemUrl) {
        if (itemUrl == null || itemUrl.isBlank() || feedBaseUrl == null) {
            return NONE;
        }
        try {
            URI resolved = withRootPath(URI.create(feedBaseUrl.strip())).resolve(itemUrl.strip());
            String scheme = resolved.getScheme();
            String host = resolved.getHost();
            if (scheme == null || host == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return NONE;
            }
            String root = scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT)
                    + (resolved.getPort() == -1 ? "" : ":" + resolved.getPort());
            return new ItemUrls(resolved.toString(), root);
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    /**
     * RFC 3986 (5.2.3) merges a relative path with a base that has an authority and an empty path as
     * "/" + path; {@link URI#resolve} (RFC 2396) would glue it to the host instead.
     */
    private static URI withRootPath(URI base) {
        if (base.getRawAuthority() != null && (base.getRawPath() == null || base.getRawPath().isEmpty())) {
            return base.resolve("/");
        }
        return base;
    }
}
