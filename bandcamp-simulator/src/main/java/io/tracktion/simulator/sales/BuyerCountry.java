package io.tracktion.simulator.sales;

import io.tracktion.simulator.random.SeededRandom;
import io.tracktion.simulator.random.WeightedChoice;
import java.util.List;

/** Where buyers are, weighted roughly like Bandcamp's audience. Codes are lower-case, as the feed serves them. */
record BuyerCountry(String name, String code) {

    private static final List<BuyerCountry> COUNTRIES = List.of(
            new BuyerCountry("United States", "us"), new BuyerCountry("United Kingdom", "gb"),
            new BuyerCountry("Germany", "de"), new BuyerCountry("Japan", "jp"), new BuyerCountry("Canada", "ca"),
            new BuyerCountry("France", "fr"), new BuyerCountry("Australia", "au"), new BuyerCountry("Netherlands", "nl"),
            new BuyerCountry("Sweden", "se"), new BuyerCountry("Italy", "it"), new BuyerCountry("Spain", "es"),
            new BuyerCountry("Brazil", "br"), new BuyerCountry("Mexico", "mx"), new BuyerCountry("Poland", "pl"),
            new BuyerCountry("Norway", "no"), new BuyerCountry("Finland", "fi"), new BuyerCountry("Denmark", "dk"),
            new BuyerCountry("Belgium", "be"), new BuyerCountry("Switzerland", "ch"), new BuyerCountry("Austria", "at"),
            new BuyerCountry("Ireland", "ie"), new BuyerCountry("New Zealand", "nz"), new BuyerCountry("South Korea", "kr"),
            new BuyerCountry("Czechia", "cz"), new BuyerCountry("Portugal", "pt"), new BuyerCountry("Greece", "gr"),
            new BuyerCountry("Israel", "il"), new BuyerCountry("Türkiye", "tr"), new BuyerCountry("Côte d’Ivoire", "ci"),
            new BuyerCountry("Réunion", "re"), new BuyerCountry("Åland Islands", "ax"), new BuyerCountry("Iceland", "is"));

    private static final WeightedChoice<BuyerCountry> WEIGHTED = new WeightedChoice<>(COUNTRIES, new double[] {
            40, 12, 10, 6, 5, 4, 4, 2.5, 2, 2, 2, 1.5, 1.2, 1.2, 1, 1, 1, 1, 1, 0.8,
            0.8, 0.6, 0.6, 0.5, 0.5, 0.4, 0.4, 0.3, 0.1, 0.1, 0.05, 0.2});

    static BuyerCountry random(SeededRandom random) {
        return WEIGHTED.pick(random);
    }
}
