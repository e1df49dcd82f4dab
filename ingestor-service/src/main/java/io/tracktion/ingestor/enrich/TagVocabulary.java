package io.tracktion.ingestor.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The data behind tag classification, read from files shipped with the project ({@code enrich/} on the classpath):
 * {@code tag-aliases.tsv} (spellings folded into one canonical name), {@code genres.txt} (Bandcamp's genres) and
 * {@code places.tsv} (the gazetteer). Lookups ignore case, Unicode compatibility forms and repeated spaces;
 * every other variant is in the data, not in code.
 */
public final class TagVocabulary {

    /** A place of the gazetteer; {@code countryCode} is empty for places spanning countries (Scandinavia). */
    public record Place(String name, String kind, String countryCode) {
    }

    private final Map<String, String> canonicalByAlias;
    private final Set<String> genres;
    private final Map<String, Place> places;

    private TagVocabulary(Map<String, String> canonicalByAlias, Set<String> genres, Map<String, Place> places) {
        this.canonicalByAlias = Map.copyOf(canonicalByAlias);
        this.genres = Set.copyOf(genres);
        this.places = Map.copyOf(places);
    }

    /** The vocabulary shipped in {@code src/main/resources/enrich}. */
    public static TagVocabulary shipped() {
        Map<String, String> aliases = new HashMap<>();
        read("enrich/tag-aliases.tsv", columns -> {
            String canonical = columns[0].strip();
            aliases.put(key(canonical), canonical);
            for (int i = 1; i < columns.length; i++) {
                if (!columns[i].isBlank()) {
                    aliases.put(key(columns[i]), canonical);
                }
            }
        });
        Set<String> genres = new HashSet<>();
        read("enrich/genres.txt", columns -> genres.add(key(columns[0])));
        Map<String, Place> places = new HashMap<>();
        read("enrich/places.tsv", columns -> places.putIfAbsent(key(columns[0]),
                new Place(columns[0].strip(), columns[1].strip(), columns.length > 2 ? columns[2].strip() : "")));
        return new TagVocabulary(aliases, genres, places);
    }

    /** The lookup form of a tag: NFKC, lower case, single spaces, trimmed. */
    static String key(String tag) {
        return Normalizer.normalize(tag, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    /** The canonical name of a tag: the alias table's, else the tag in lower case with single spaces. */
    public String canonical(String tag) {
        String key = key(tag);
        return canonicalByAlias.getOrDefault(key, key);
    }

    /** Whether a canonical name is one of Bandcamp's genres. */
    public boolean isGenre(String canonical) {
        return genres.contains(key(canonical));
    }

    /** The gazetteer's place of that name, if any. */
    public Optional<Place> place(String name) {
        return Optional.ofNullable(places.get(key(name)));
    }

    private static void read(String resource, Consumer<String[]> row) {
        try (InputStream in = TagVocabulary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing data file " + resource + " on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    row.accept(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
