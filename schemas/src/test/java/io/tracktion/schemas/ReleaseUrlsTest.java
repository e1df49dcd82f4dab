package io.tracktion.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReleaseUrlsTest {

    @Test
    void everySpellingOfAPageHasOneCanonicalForm() {
        String canonical = "https://velvetorrery.bandcamp.com/album/lanterns";
        for (String spelling : new String[] {"//velvetorrery.bandcamp.com/album/lanterns",
                "http://velvetorrery.bandcamp.com/album/lanterns", "https://VelvetOrrery.Bandcamp.com/album/lanterns/",
                "https://velvetorrery.bandcamp.com//album/lanterns?from=discover#t1",
                " https://velvetorrery.bandcamp.com:443/album/lanterns "}) {
            assertEquals(Optional.of(canonical), ReleaseUrls.release(spelling), spelling);
        }
    }

    /**
     * URLs in the feed's plain form are read without {@link URI}: every URL, plain or not, must read as {@link URI}
     * reads it. Random URLs built from pieces near the edges of the plain form.
     */
    @Test
    void readsEveryUrlAsTheUriParserDoes() {
        String[] starts = {"https://", "http://", "//", "HTTPS://", "Http://", "ftp://", "https:/", "", " https://"};
        String[] hostPieces = {"a", "z9", "artist-1", "-x", "x-", "B", "1", "", ".", "..", "é", "_", ":443", "@u",
                "bandcamp", "com", "1.2.3.4", "%41"};
        String[] pathPieces = {"/", "//", "album", "track", "merch", "x", "X_y", "a.b", "~", "%20", "?q=1", "#t", " ",
                "é", "-", ":", "@", "+", "music", "東京"};
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder url = new StringBuilder(starts[random.nextInt(starts.length)]);
            int labels = 1 + random.nextInt(3);
            for (int l = 0; l < labels; l++) {
                url.append(l == 0 ? "" : ".").append(hostPieces[random.nextInt(hostPieces.length)]);
                if (random.nextBoolean()) {
                    url.append(hostPieces[random.nextInt(hostPieces.length)]);
                }
            }
            int pieces = random.nextInt(6);
            for (int p = 0; p < pieces; p++) {
                url.append(random.nextInt(3) == 0 ? "/" : "").append(pathPieces[random.nextInt(pathPieces.length)]);
            }
            String text = url.toString();
            assertEquals(ByUri.release(text), ReleaseUrls.release(text), text);
            assertEquals(ByUri.canonical(text), ReleaseUrls.canonical(text), text);
            assertEquals(ByUri.root(text), ReleaseUrls.root(text), text);
        }
    }

    /** ReleaseUrls as it was before its plain form, every URL read by {@link URI}. */
    private static final class ByUri {

        private static final Pattern RELEASE_PATH = Pattern.compile("/(album|track|merch)/[^/]+");

        static Optional<String> canonical(String url) {
            return parse(url).map(uri -> "https://" + uri.getHost().toLowerCase(Locale.ROOT) + path(uri));
        }

        static Optional<String> release(String url) {
            return parse(url).flatMap(uri -> {
                String path = path(uri);
                return RELEASE_PATH.matcher(path).matches()
                        ? Optional.of("https://" + uri.getHost().toLowerCase(Locale.ROOT) + path) : Optional.empty();
            });
        }

        static Optional<String> root(String url) {
            return parse(url).map(uri -> "https://" + uri.getHost().toLowerCase(Locale.ROOT));
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

        private static String path(URI uri) {
            String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
            return raw.replaceAll("/{2,}", "/").replaceAll("/+$", "");
        }
    }

    @Test
    void onlyAlbumTrackAndMerchPagesAreReleases() {
        assertEquals(Optional.of("track"), ReleaseUrls.kind("//a.bandcamp.com/track/x"));
        assertEquals(Optional.of("merch"), ReleaseUrls.kind("//music.example.org/merch/shirt"));
        assertEquals(Optional.empty(), ReleaseUrls.release("//a.bandcamp.com"));
        assertEquals(Optional.empty(), ReleaseUrls.release("//a.bandcamp.com/music"));
        assertEquals(Optional.empty(), ReleaseUrls.release("//a.bandcamp.com/album/x/y"));
        assertEquals(Optional.empty(), ReleaseUrls.release("ftp://a.bandcamp.com/album/x"));
        assertEquals(Optional.empty(), ReleaseUrls.release("not a url"));
        assertEquals(Optional.empty(), ReleaseUrls.release(null));
        assertEquals(Optional.of("https://a.bandcamp.com"), ReleaseUrls.root("//A.bandcamp.com/album/x"));
        // Runs of slashes fold, trailing ones go, wherever they are.
        assertEquals(Optional.of("https://a.bandcamp.com/album/x"), ReleaseUrls.release("https://a.bandcamp.com///album///x//"));
        assertEquals(Optional.of("https://a.bandcamp.com"), ReleaseUrls.canonical("https://a.bandcamp.com///"));
        assertEquals(Optional.of("https://a.bandcamp.com/music"), ReleaseUrls.canonical("https://a.bandcamp.com/music/"));
    }

    @Test
    void idsAreShortStableAndFollowTheUrlNotTheName() {
        String id = EntityIds.artist("https://velvetorrery.bandcamp.com");
        assertEquals(16, id.length());
        assertTrue(id.matches("[a-z2-7]{16}"), id);
        assertEquals(id, EntityIds.artist("https://velvetorrery.bandcamp.com"));
        // Two artists called Echo on two labels stay two; the same name on one label is one.
        String echoOnA = EntityIds.artistOnLabel("https://label-a.bandcamp.com", "Echo");
        assertNotEquals(echoOnA, EntityIds.artistOnLabel("https://label-b.bandcamp.com", "Echo"));
        assertEquals(echoOnA, EntityIds.artistOnLabel("https://label-a.bandcamp.com", " echo "));
        assertNotEquals(EntityIds.artist("https://echo1.bandcamp.com"), EntityIds.artist("https://echo2.bandcamp.com"));
    }

    @Test
    void knownIdStaysTheSameForever() {
        // Pinned: ids are stored and shared, so the derivation must never change.
        assertEquals(EntityIds.release("https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay"),
                EntityIds.release("https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay"));
    }
}
