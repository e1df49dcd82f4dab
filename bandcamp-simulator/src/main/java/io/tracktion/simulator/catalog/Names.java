package io.tracktion.simulator.catalog;

import static io.tracktion.simulator.catalog.WordPools.*;

import io.tracktion.simulator.random.SeededRandom;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Combines the word pools into names, titles, slugs and subdomains. */
final class Names {

    private final SeededRandom random;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedSubdomains = new HashSet<>();

    Names(SeededRandom random) {
        this.random = random;
    }

    Script randomScript() {
        double r = random.nextDouble();
        if (r < 0.50) return Script.LATIN;
        if (r < 0.64) return Script.LATIN_ACCENTED;
        if (r < 0.73) return Script.JAPANESE;
        if (r < 0.78) return Script.CYRILLIC;
        if (r < 0.81) return Script.ARABIC;
        if (r < 0.85) return Script.KOREAN;
        if (r < 0.87) return Script.GREEK;
        if (r < 0.88) return Script.HEBREW;
        if (r < 0.91) return Script.CHINESE;
        return Script.EMOJI;
    }

    /** An artist or label name not used before in this catalogue. */
    String uniqueName(Script script) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String name = artistName(script);
            if (usedNames.add(name)) {
                return name;
            }
        }
        String name;
        int n = 2;
        do {
            name = artistName(script) + " " + n++;
        } while (!usedNames.add(name));
        return name;
    }

    private String artistName(Script script) {
        switch (script) {
            case LATIN_ACCENTED:
                return random.chance(0.8)
                        ? random.pick(FIRST_NAMES) + " " + random.pick(SURNAMES)
                        : "Les " + random.pick(FRENCH_NOUNS);
            case EMOJI:
                return random.chance(0.5)
                        ? random.pick(EMOJI) + " " + random.pick(ADJECTIVES) + " " + random.pick(NOUNS)
                        : random.pick(NOUNS).toLowerCase(Locale.ROOT) + " " + random.pick(EMOJI);
            case LATIN:
                double r = random.nextDouble();
                if (r < 0.45) return random.pick(ADJECTIVES) + " " + random.pick(NOUNS);
                if (r < 0.65) return random.pick(NOUNS) + " " + random.pick(BAND_SUFFIXES);
                if (r < 0.80) return "The " + random.pick(ADJECTIVES) + " " + random.pick(NOUNS);
                if (r < 0.90) return random.pick(NOUNS) + " & " + random.pick(NOUNS);
                return random.pick(ADJECTIVES).toLowerCase(Locale.ROOT) + " " + random.pick(NOUNS).toLowerCase(Locale.ROOT);
            default:
                return title(script);
        }
    }

    /** A release or track title in the given script (not necessarily unique). */
    String title(Script script) {
        switch (script) {
            case JAPANESE: return random.pick(JAPANESE_PREFIXES) + random.pick(JAPANESE_SUFFIXES);
            case CYRILLIC: return random.pick(CYRILLIC_ADJECTIVES) + " " + random.pick(CYRILLIC_NOUNS);
            case ARABIC: return random.pick(ARABIC_HEADS) + " " + random.pick(ARABIC_TAILS);
            case KOREAN: return random.pick(KOREAN_HEADS) + " " + random.pick(KOREAN_TAILS);
            case GREEK: return random.pick(GREEK_HEADS) + " " + random.pick(GREEK_TAILS);
            case HEBREW: return random.pick(HEBREW_HEADS) + " " + random.pick(HEBREW_TAILS);
            case CHINESE: return random.pick(CHINESE_HEADS) + random.pick(CHINESE_TAILS);
            case EMOJI: return random.pick(ADJECTIVES) + " " + random.pick(NOUNS) + " " + random.pick(EMOJI);
            case LATIN_ACCENTED:
                return random.chance(0.5) ? random.pick(FRENCH_NOUNS) + " " + random.pick(NOUNS) : latinTitle();
            default:
                return latinTitle();
        }
    }

    private String latinTitle() {
        double r = random.nextDouble();
        if (r < 0.4) return random.pick(ADJECTIVES) + " " + random.pick(NOUNS);
        if (r < 0.6) return random.pick(NOUNS) + " Over " + random.pick(NOUNS);
        if (r < 0.75) return "The " + random.pick(NOUNS) + " Sessions";
        if (r < 0.9) return random.pick(ADJECTIVES) + " " + random.pick(NOUNS) + " Vol. " + random.between(1, 4);
        return random.pick(NOUNS) + " (" + random.pick(ADJECTIVES) + " Mix)";
    }

    /** A Bandcamp-style URL slug: accents folded, lower case, anything else becomes single dashes. */
    static String slug(String text) {
        return fold(text).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    /** A subdomain for the name (letters and digits only), unique in this catalogue. */
    String uniqueSubdomain(String name) {
        String base = fold(name).replaceAll("[^a-z0-9]", "");
        if (base.length() < 3) {
            StringBuilder invented = new StringBuilder();
            int syllables = random.between(3, 4);
            for (int i = 0; i < syllables; i++) {
                invented.append(random.pick(SYLLABLES));
            }
            base = invented.toString();
        }
        String candidate = base;
        int n = 2;
        while (!usedSubdomains.add(candidate)) {
            candidate = base + n++;
        }
        return candidate;
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
                .replace("đ", "d").replace("Đ", "d").replace("þ", "th").replace("Þ", "th").replace("ı", "i")
                .toLowerCase(Locale.ROOT);
    }
}
