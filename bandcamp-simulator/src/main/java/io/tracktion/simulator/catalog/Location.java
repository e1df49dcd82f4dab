package io.tracktion.simulator.catalog;

import java.util.List;

/** Where an artist or label is based, and the currency a seller there would most likely use. */
record Location(String name, Currency currency, Script script) {

    static final List<Location> ALL = List.of(
            new Location("Hamburg, Germany", Currency.EUR, null),
            new Location("Berlin, Germany", Currency.EUR, null),
            new Location("Lyon, France", Currency.EUR, Script.LATIN_ACCENTED),
            new Location("Montréal, Québec", Currency.CAD, Script.LATIN_ACCENTED),
            new Location("Toronto, Ontario", Currency.CAD, null),
            new Location("Glasgow, UK", Currency.GBP, null),
            new Location("Bristol, UK", Currency.GBP, null),
            new Location("Portland, Oregon", Currency.USD, null),
            new Location("Brooklyn, New York", Currency.USD, null),
            new Location("Austin, Texas", Currency.USD, null),
            new Location("Melbourne, Australia", Currency.AUD, null),
            new Location("Wellington, New Zealand", Currency.NZD, null),
            new Location("Göteborg, Sweden", Currency.SEK, Script.LATIN_ACCENTED),
            new Location("Bergen, Norway", Currency.NOK, Script.LATIN_ACCENTED),
            new Location("Aarhus, Denmark", Currency.DKK, Script.LATIN_ACCENTED),
            new Location("Zürich, Switzerland", Currency.CHF, Script.LATIN_ACCENTED),
            new Location("Kraków, Poland", Currency.PLN, Script.LATIN_ACCENTED),
            new Location("Brno, Czechia", Currency.CZK, Script.LATIN_ACCENTED),
            new Location("Budapest, Hungary", Currency.HUF, Script.LATIN_ACCENTED),
            new Location("Ciudad de México, Mexico", Currency.MXN, Script.LATIN_ACCENTED),
            new Location("São Paulo, Brazil", Currency.USD, Script.LATIN_ACCENTED),
            new Location("Reykjavík, Iceland", Currency.EUR, Script.LATIN_ACCENTED),
            new Location("Tokyo, Japan", Currency.JPY, Script.JAPANESE),
            new Location("Osaka, Japan", Currency.JPY, Script.JAPANESE),
            new Location("Sapporo, Japan", Currency.JPY, Script.JAPANESE),
            new Location("Seoul, South Korea", Currency.USD, Script.KOREAN),
            new Location("Tbilisi, Georgia", Currency.USD, Script.CYRILLIC),
            new Location("Riga, Latvia", Currency.EUR, Script.CYRILLIC),
            new Location("Cairo, Egypt", Currency.USD, Script.ARABIC),
            new Location("Beirut, Lebanon", Currency.USD, Script.ARABIC),
            new Location("Athens, Greece", Currency.EUR, Script.GREEK),
            new Location("Tel Aviv, Israel", Currency.ILS, Script.HEBREW),
            new Location("Taipei, Taiwan", Currency.USD, Script.CHINESE),
            new Location("Hong Kong", Currency.HKD, Script.CHINESE),
            new Location("Singapore", Currency.SGD, null));

    /** The city part, which release pages list as the last keyword. */
    String city() {
        int comma = name.indexOf(',');
        return comma < 0 ? name : name.substring(0, comma);
    }
}
