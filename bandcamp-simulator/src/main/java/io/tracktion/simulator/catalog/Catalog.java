package io.tracktion.simulator.catalog;

import io.tracktion.simulator.random.SeededRandom;
import io.tracktion.simulator.random.WeightedChoice;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulated Bandcamp: a few hundred artists (with labels, releases and merch), generated once from the
 * seed. Artists are ordered by popularity; sales pick them with a Zipf-like skew.
 */
public final class Catalog {

    /** How steeply popularity falls off with rank: the top artist sells 3^0.9 = 2.7x the third, ~12% of all. */
    private static final double POPULARITY_EXPONENT = 0.9;

    private final List<Artist> artistsByPopularity;
    private final WeightedChoice<Artist> popularity;
    private final Map<String, Artist> byHost;

    Catalog(List<Artist> artistsByPopularity) {
        this.artistsByPopularity = List.copyOf(artistsByPopularity);
        this.popularity = WeightedChoice.zipf(this.artistsByPopularity, POPULARITY_EXPONENT);
        this.byHost = this.artistsByPopularity.stream().collect(Collectors.toUnmodifiableMap(Artist::host, Function.identity()));
    }

    public static Catalog generate(long seed) {
        return new CatalogGenerator(seed).generate();
    }

    /** Most popular first. */
    public List<Artist> artists() {
        return artistsByPopularity;
    }

    public Artist randomArtist(SeededRandom random) {
        return popularity.pick(random);
    }

    /** The artist whose pages live on {@code host} (case-insensitive, without port). */
    public Optional<Artist> artistAt(String host) {
        return Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
    }
}
