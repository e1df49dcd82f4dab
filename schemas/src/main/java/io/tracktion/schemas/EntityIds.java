package io.tracktion.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Stable short ids of releases, artists and labels, derived from their canonical URLs (never from display
 * names, which two artists may share): the first 80 bits of the SHA-256 of the URL, as 16 lower-case base-32
 * characters. The same URL always gives the same id, on any machine, in any service.
 */
public final class EntityIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private EntityIds() {
    }

    /** The id of the release at a canonical release URL. */
    public static String release(String canonicalUrl) {
        return of(canonicalUrl);
    }

    /** The id of the artist whose site is at {@code rootUrl} (e.g. https://artist.bandcamp.com). */
    public static String artist(String rootUrl) {
        return of(rootUrl);
    }

    /**
     * The id of an artist without a site of its own, published on a label's site: the label's root URL and the
     * artist's name (trimmed, lower case), so it stays apart from namesakes on other labels.
     */
    public static String artistOnLabel(String labelRootUrl, String artistName) {
        return of(labelRootUrl + "#" + artistName.strip().toLowerCase(Locale.ROOT));
    }

    /** The id of the label whose site is at {@code rootUrl}. */
    public static String label(String rootUrl) {
        return of(rootUrl);
    }

    /**
     * The id of a signal: the same kind, entity and discriminator (the step crossed, the episode's start, the chart
     * entered) always give the same id, so a replay writes the same signals and consumers deduplicate on it.
     */
    public static String signal(String kind, String dimension, String entityId, String discriminator) {
        return of(String.join("\u001f", kind, dimension, entityId, discriminator));
    }

    private static String of(String text) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
        StringBuilder id = new StringBuilder(16);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < 10; i++) { // 80 bits = 16 characters of 5 bits
            buffer = (buffer << 8) | (digest[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                id.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return id.toString();
    }
}
