package io.tracktion.simulator.catalog;

/** A record label: the JSON-LD {@code publisher} of its artists' releases. */
public record Label(long bandId, String name, String host, Genre genre, String location) {

    public String rootUrl() {
        return "https://" + host;
    }
}
