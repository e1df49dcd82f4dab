package io.tracktion.ingestor.enrich;

import io.tracktion.ingestor.enrich.TagVocabulary.Place;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sorts a page's tags into primary genre, descriptive tags and location.
 *
 * <p>Bandcamp lists a release's tags with the artist's chosen genre first and capitalised, and the artist's
 * location (often last) among them. So: a tag the gazetteer knows is a place, never a genre; the first tag
 * that is not a place is the genre when it is one of Bandcamp's genres or is capitalised; the rest are
 * descriptive tags, aliases folded, duplicates dropped, in page order.
 */
public final class TagClassifier {

    /**
     * @param genre       canonical name of the primary genre, or null
     * @param tags        canonical descriptive tags, page order
     * @param location    the place tag as the page wrote it (the last one if several), or null
     * @param countryCode its country, upper case, or null
     */
    public record Classified(String genre, List<String> tags, String location, String countryCode) {
    }

    private final TagVocabulary vocabulary;

    public TagClassifier(TagVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public Classified classify(List<String> keywords) {
        String genre = null;
        String location = null;
        Place place = null;
        Set<String> tags = new LinkedHashSet<>();
        boolean first = true;
        for (String keyword : keywords) {
            if (keyword == null || keyword.isBlank()) {
                continue;
            }
            String text = keyword.strip().replaceAll("\\s+", " ");
            Optional<Place> known = vocabulary.place(text);
            if (known.isPresent()) {
                location = text;
                place = known.get();
                continue;
            }
            String canonical = vocabulary.canonical(text);
            if (first && (vocabulary.isGenre(canonical) || isCapitalised(text))) {
                genre = canonical;
            } else if (!canonical.equals(genre)) {
                tags.add(canonical);
            }
            first = false;
        }
        String countryCode = place == null || place.countryCode().isEmpty() ? null : place.countryCode();
        return new Classified(genre, List.copyOf(tags), location, countryCode);
    }

    /** The country of a location such as "Hamburg, Germany" or "Kyoto": its parts looked up, last first. */
    public Optional<String> countryOf(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        Optional<String> whole = vocabulary.place(location).map(Place::countryCode).filter(code -> !code.isEmpty());
        if (whole.isPresent()) {
            return whole;
        }
        List<String> parts = new ArrayList<>(List.of(location.split(",")));
        for (int i = parts.size() - 1; i >= 0; i--) {
            Optional<String> code = vocabulary.place(parts.get(i)).map(Place::countryCode).filter(c -> !c.isEmpty());
            if (code.isPresent()) {
                return code;
            }
        }
        return Optional.empty();
    }

    /** Starts with an upper-case letter (scripts without case, such as Japanese, never are). */
    private static boolean isCapitalised(String text) {
        return Character.isUpperCase(text.codePointAt(0));
    }
}
