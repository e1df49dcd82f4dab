package io.tracktion.api.params;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * The API's names of the dimensions sales are summed by, singular or plural ({@code artist}, {@code artists}, ...),
 * and their names in the rollups, charts and signals ({@code artist}). Store-wide figures have no dimension name.
 */
public final class Dimensions {

    private static final Map<String, String> STORED = Map.ofEntries(
            Map.entry("artist", "artist"), Map.entry("artists", "artist"),
            Map.entry("release", "release"), Map.entry("releases", "release"),
            Map.entry("label", "label"), Map.entry("labels", "label"),
            Map.entry("genre", "genre"), Map.entry("genres", "genre"),
            Map.entry("tag", "tag"), Map.entry("tags", "tag"),
            Map.entry("country", "country"), Map.entry("countries", "country"),
            Map.entry("kind", "kind"), Map.entry("kinds", "kind"));

    private Dimensions() {
    }

    /** The stored name of {@code name}, or null if it names no dimension. */
    @Nullable
    public static String stored(String name) {
        return STORED.get(name.trim());
    }
}
