package io.tracktion.simulator.pages;

import io.tracktion.simulator.catalog.Artist;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an artist's pages are written, a fixed function of its band id (the catalogue's random stream is left
 * alone): most carry JSON-LD; some have none (only tag links and the credits line), some have broken markup;
 * and tags are spelled the way people spell them (lofi, Lo-Fi, post rock, IDM), in mixed case.
 */
public enum PageStyle {
    /** JSON-LD plus the usual markup. */
    JSON_LD,
    /** No JSON-LD: scrapers must read the tag links, the title and the "released" line. */
    NO_JSON_LD,
    /** JSON-LD, but unclosed elements and stray characters around it. */
    BROKEN_HTML;

    /** Spellings a tag is also written in; the consumer's alias table must fold them back. */
    private static final Map<String, List<String>> VARIANTS = Map.ofEntries(
            Map.entry("lo-fi", List.of("lofi", "Lo-Fi")),
            Map.entry("synth-pop", List.of("synthpop", "Synth Pop")),
            Map.entry("post-rock", List.of("post rock", "Post-Rock")),
            Map.entry("post-punk", List.of("post punk", "postpunk")),
            Map.entry("dream pop", List.of("dreampop", "Dream Pop")),
            Map.entry("idm", List.of("IDM")),
            Map.entry("nu jazz", List.of("nu-jazz", "Nu Jazz")),
            Map.entry("chiptune", List.of("chip tune", "Chiptune")),
            Map.entry("singer-songwriter", List.of("singer songwriter", "Singer-Songwriter")),
            Map.entry("j-pop", List.of("jpop", "J-Pop")),
            Map.entry("instrumental hip-hop", List.of("Instrumental Hip-Hop")),
            Map.entry("ambient", List.of("Ambient")),
            Map.entry("drone", List.of("Drone", "drones")),
            Map.entry("field recordings", List.of("field recording", "Field Recordings")));

    public static PageStyle of(Artist artist) {
        int bucket = bucket(artist.bandId(), 0);
        return bucket < 6 ? NO_JSON_LD : bucket < 10 ? BROKEN_HTML : JSON_LD;
    }

    /** The tag as this artist writes it: itself, or one of its other spellings. */
    public static String spelling(Artist artist, String tag) {
        List<String> variants = VARIANTS.get(tag.toLowerCase(Locale.ROOT));
        if (variants == null) {
            return tag;
        }
        int pick = bucket(artist.bandId(), tag.hashCode()) % (variants.size() + 1);
        return pick == variants.size() ? tag : variants.get(pick);
    }

    private static int bucket(long bandId, int salt) {
        long mixed = (bandId ^ salt) * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(mixed ^ (mixed >>> 29), 100L);
    }
}
