package io.tracktion.simulator.catalog;

import io.tracktion.simulator.random.SeededRandom;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the catalogue from the seed: same seed, same artists, releases, prices and ids. */
final class CatalogGenerator {

    private static final int ARTISTS = 320;
    private static final int LABELS = 40;
    /** Stream id of the catalogue's random sequence; sales use the epoch minute as stream id. */
    private static final long CATALOG_STREAM = Long.MIN_VALUE;
    private static final List<String> CUSTOM_TLDS = List.of(".com", ".net", ".fm", ".jp", ".de", ".co.uk", ".org");
    private static final List<String> LABEL_KINDS = List.of("Records", "Recordings", "Tapes", "Audio", "Editions", "Music");
    private static final LocalDate OLDEST_RELEASE = LocalDate.of(2009, 1, 1);
    private static final int RELEASE_DAYS = 6_000;

    /** Physical formats: description, type name, schema.org format, price in USD. */
    private static final List<String[]> FORMATS = List.of(
            new String[] {"Limited Edition Cassette", "Cassette", "CassetteFormat", "10"},
            new String[] {"Cassette", "Cassette", "CassetteFormat", "8"},
            new String[] {"12\" Vinyl", "Vinyl LP", "VinylFormat", "25"},
            new String[] {"2 x Vinyl LP", "2 x Vinyl LP", "VinylFormat", "35"},
            new String[] {"7\" Vinyl", "Vinyl", "VinylFormat", "8"},
            new String[] {"Translucent Green 12\" Vinyl", "Vinyl LP", "VinylFormat", "28"},
            new String[] {"Compact Disc (CD)", "Compact Disc (CD)", "CDFormat", "12"},
            new String[] {"CD + Zine", "Compact Disc (CD)", "CDFormat", "15"});

    /** Merch: title (%s = newest album title), type name, price in USD. */
    private static final List<String[]> MERCH = List.of(
            new String[] {"Logo T-Shirt", "T-Shirt/Apparel", "25"},
            new String[] {"%s Tour T-Shirt", "T-Shirt/Apparel", "25"},
            new String[] {"Hoodie", "T-Shirt/Apparel", "45"},
            new String[] {"Tote Bag", "Bag", "15"},
            new String[] {"Enamel Pin", "Pin", "8"},
            new String[] {"Poster", "Poster/Print", "12"},
            new String[] {"Sticker Pack", "Sticker", "5"},
            new String[] {"Bandana", "T-Shirt/Apparel", "12"});

    private final SeededRandom random;
    private final Names names;

    CatalogGenerator(long seed) {
        this.random = SeededRandom.of(seed, CATALOG_STREAM);
        this.names = new Names(random);
    }

    Catalog generate() {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < LABELS; i++) {
            labels.add(label());
        }
        List<Artist> artists = new ArrayList<>();
        for (int i = 0; i < ARTISTS; i++) {
            artists.add(artist(labels));
        }
        return new Catalog(artists);
    }

    private Label label() {
        Location location = random.pick(Location.ALL);
        double r = random.nextDouble();
        String name;
        if (r < 0.85) {
            name = names.uniqueName(Script.LATIN).replaceFirst("^The ", "") + " " + random.pick(LABEL_KINDS);
        } else if (r < 0.93) {
            name = "Disques " + names.uniqueName(Script.LATIN_ACCENTED);
        } else {
            name = names.uniqueName(Script.JAPANESE); // e.g. 星空レコード
        }
        String host = names.uniqueSubdomain(name) + ".bandcamp.com";
        return new Label(bandId(), name, host, random.pick(Genre.ALL), location.name());
    }

    private Artist artist(List<Label> labels) {
        Script script = names.randomScript();
        String name = names.uniqueName(script);
        Location location = locationFor(script);
        Currency currency = random.chance(0.15) ? Currency.USD : location.currency();
        String subdomain = names.uniqueSubdomain(name);
        String host = random.chance(0.07)
                ? (random.chance(0.5) ? "music." : "") + subdomain + random.pick(CUSTOM_TLDS)
                : subdomain + ".bandcamp.com";
        Genre genre = random.pick(Genre.ALL);
        List<String> tags = tags(genre);
        tags.add(location.city());
        Label label = random.chance(0.4) ? random.pick(labels) : null;

        Set<String> trackSlugs = new HashSet<>();
        List<Album> albums = albums(script, currency, trackSlugs);
        List<Track> singles = new ArrayList<>();
        int singleCount = random.chance(0.3) ? random.between(1, 2) : 0;
        for (int i = 0; i < singleCount; i++) {
            String title = names.title(script);
            singles.add(new Track(title, uniqueSlug(title, "track", trackSlugs), itemId(), random.between(90, 420),
                    trackPrice(currency), null, null, artId(), releaseDate()));
        }
        List<Merch> merch = merch(currency, albums.get(0).title());
        BigDecimal discography = albums.size() >= 2 ? discographyPrice(albums, currency) : null;
        return new Artist(bandId(), name, script, host, currency, genre, List.copyOf(tags), location.name(), label,
                albums, List.copyOf(singles), merch, discography);
    }

    private Location locationFor(Script script) {
        if (script == Script.LATIN || script == Script.EMOJI || random.chance(0.2)) {
            return random.pick(Location.ALL);
        }
        List<Location> matching = Location.ALL.stream().filter(l -> l.script() == script).toList();
        return matching.isEmpty() ? random.pick(Location.ALL) : random.pick(matching);
    }

    private List<String> tags(Genre genre) {
        List<String> pool = new ArrayList<>(genre.tags());
        List<String> tags = new ArrayList<>();
        int count = random.between(2, Math.min(4, pool.size()));
        for (int i = 0; i < count; i++) {
            tags.add(pool.remove(random.nextInt(pool.size())));
        }
        return tags;
    }

    private List<Album> albums(Script script, Currency currency, Set<String> trackSlugs) {
        int count = Math.min(8, 1 + random.poisson(1.5));
        Set<String> albumSlugs = new HashSet<>();
        List<Album> albums = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String title = names.title(random.chance(0.7) ? script : Script.LATIN);
            boolean nameYourPrice = random.chance(0.12);
            BigDecimal price = nameYourPrice ? BigDecimal.ZERO : price(currency, 5 + random.nextInt(8));
            Long artId = artId();
            LocalDate released = releaseDate();
            String slug = uniqueSlug(title, "album", albumSlugs);
            List<Track> tracks = new ArrayList<>();
            int trackCount = random.between(3, 14);
            for (int t = 0; t < trackCount; t++) {
                String trackTitle = names.title(random.chance(0.8) ? script : Script.LATIN);
                BigDecimal trackPrice = nameYourPrice ? BigDecimal.ZERO : trackPrice(currency);
                tracks.add(new Track(trackTitle, uniqueSlug(trackTitle, "track", trackSlugs), itemId(),
                        random.between(90, 540), trackPrice, title, slug, artId, released));
            }
            albums.add(new Album(title, slug, itemId(), artId, price, released, List.copyOf(tracks), formats(currency)));
        }
        albums.sort(Comparator.comparing(Album::released).reversed());
        return List.copyOf(albums);
    }

    private List<PhysicalFormat> formats(Currency currency) {
        if (!random.chance(0.4)) {
            return List.of();
        }
        List<String[]> pool = new ArrayList<>(FORMATS);
        List<PhysicalFormat> formats = new ArrayList<>();
        int count = random.between(1, 3);
        for (int i = 0; i < count; i++) {
            String[] f = pool.remove(random.nextInt(pool.size()));
            formats.add(new PhysicalFormat(f[0], f[1], f[2], packageImageId(), price(currency, Double.parseDouble(f[3]))));
        }
        return List.copyOf(formats);
    }

    private List<Merch> merch(Currency currency, String newestAlbum) {
        if (!random.chance(0.3)) {
            return List.of();
        }
        List<String[]> pool = new ArrayList<>(MERCH);
        Set<String> slugs = new HashSet<>();
        List<Merch> merch = new ArrayList<>();
        int count = random.between(1, 4);
        for (int i = 0; i < count; i++) {
            String[] m = pool.remove(random.nextInt(pool.size()));
            String title = String.format(m[0], newestAlbum);
            merch.add(new Merch(title, uniqueSlug(title, "merch", slugs), m[1], packageImageId(),
                    price(currency, Double.parseDouble(m[2]))));
        }
        return List.copyOf(merch);
    }

    private BigDecimal discographyPrice(List<Album> albums, Currency currency) {
        double usd = albums.stream()
                .mapToDouble(a -> a.price().signum() == 0 ? 7 : currency.toUsd(a.price()).doubleValue())
                .sum();
        return currency.nicePrice(usd * 0.75);
    }

    /** A list price; some sellers in whole-unit currencies end prices in .99 (which the feed then serves as floats). */
    private BigDecimal price(Currency currency, double usd) {
        BigDecimal price = currency.nicePrice(usd);
        boolean cents = currency.minorDigits() == 2 && price.compareTo(BigDecimal.valueOf(2)) >= 0 && random.chance(0.2);
        return cents ? price.subtract(new BigDecimal("0.01")) : price;
    }

    private BigDecimal trackPrice(Currency currency) {
        BigDecimal usual = currency.nicePrice(1);
        boolean dollarLike = usual.compareTo(BigDecimal.ONE) == 0 && currency.minorDigits() == 2;
        return dollarLike && random.chance(0.1) ? new BigDecimal("1.29") : usual;
    }

    private String uniqueSlug(String title, String fallback, Set<String> used) {
        String base = Names.slug(title);
        if (base.isEmpty()) {
            base = fallback;
        }
        String slug = base;
        int n = 2;
        while (!used.add(slug)) {
            slug = base + "-" + n++;
        }
        return slug;
    }

    private LocalDate releaseDate() {
        return OLDEST_RELEASE.plusDays(random.nextInt(RELEASE_DAYS));
    }

    private long bandId() {
        return random.between(1_000_000_000L, 4_294_967_295L);
    }

    private long itemId() {
        return random.between(100_000_000L, 4_294_967_295L);
    }

    private Long artId() {
        return random.chance(0.03) ? null : random.between(100_000_000L, 4_294_967_295L);
    }

    private long packageImageId() {
        return random.between(10_000_000L, 99_999_999L);
    }
}
