package io.tracktion.simulator.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A Bandcamp seller page. {@code host} is {@code sub.bandcamp.com} or a custom domain. {@code label} is null
 * for self-released artists. Albums are newest first. {@code discographyPrice} is set when the artist
 * sells a "Full Digital Discography" bundle (two or more albums).
 */
public record Artist(long bandId, String name, Script script, String host, Currency currency, Genre genre,
                     List<String> tags, String location, Label label, List<Album> albums, List<Track> singles,
                     List<Merch> merch, BigDecimal discographyPrice) {

    public String rootUrl() {
        return "https://" + host;
    }

    /** Protocol-relative page URLs, as the feed serves them. */
    public String albumUrl(Album album) {
        return "//" + host + "/album/" + album.slug();
    }

    public String trackUrl(Track track) {
        return "//" + host + "/track/" + track.slug();
    }

    public String merchUrl(Merch item) {
        return "//" + host + "/merch/" + item.slug();
    }

    public Optional<Album> album(String slug) {
        return albums.stream().filter(a -> a.slug().equals(slug)).findFirst();
    }

    public Optional<Track> track(String slug) {
        return albums.stream().flatMap(a -> a.tracks().stream())
                .filter(t -> t.slug().equals(slug)).findFirst()
                .or(() -> singles.stream().filter(t -> t.slug().equals(slug)).findFirst());
    }

    public Optional<Merch> merchItem(String slug) {
        return merch.stream().filter(m -> m.slug().equals(slug)).findFirst();
    }
}
