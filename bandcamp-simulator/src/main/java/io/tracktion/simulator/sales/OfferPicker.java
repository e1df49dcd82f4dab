package io.tracktion.simulator.sales;

import io.tracktion.simulator.catalog.Album;
import io.tracktion.simulator.catalog.Artist;
import io.tracktion.simulator.catalog.Merch;
import io.tracktion.simulator.catalog.PhysicalFormat;
import io.tracktion.simulator.catalog.Track;
import io.tracktion.simulator.random.SeededRandom;
import java.util.List;

/** Chooses what a buyer takes from an artist: mostly digital albums and tracks, newer releases more often. */
final class OfferPicker {

    private OfferPicker() {
    }

    static Offer pick(Artist artist, SeededRandom random) {
        double r = random.nextDouble();
        if (r < 0.05 && artist.discographyPrice() != null) {
            return discography(artist);
        }
        if (r < 0.20 && !artist.merch().isEmpty()) {
            return merch(artist, random.pick(artist.merch()));
        }
        Album album = newerFirst(artist.albums(), random);
        if (r < 0.38 && !album.formats().isEmpty()) {
            return physical(artist, album, random.pick(album.formats()));
        }
        if (r < 0.66) {
            return album(artist, album);
        }
        boolean single = !artist.singles().isEmpty() && random.chance(0.3);
        return track(artist, single ? random.pick(artist.singles()) : random.pick(album.tracks()));
    }

    /** Geometric preference for the newest albums (the list is newest first). */
    private static Album newerFirst(List<Album> albums, SeededRandom random) {
        int index = 0;
        while (index < albums.size() - 1 && random.chance(0.45)) {
            index++;
        }
        return albums.get(index);
    }

    private static Offer album(Artist artist, Album album) {
        return new Offer("a", "a", album.title(), null, artist.albumUrl(album), album.price(), album.artId(), null, null);
    }

    private static Offer track(Artist artist, Track track) {
        return new Offer("t", "t", track.title(), track.albumTitle(), artist.trackUrl(track), track.price(),
                track.artId(), null, null);
    }

    /** A physical edition: item type "p", but the URL (and slug type) is the album's page. */
    private static Offer physical(Artist artist, Album album, PhysicalFormat format) {
        return new Offer("p", "a", format.description(), album.title(), artist.albumUrl(album), format.price(),
                null, format.packageImageId(), null);
    }

    private static Offer merch(Artist artist, Merch item) {
        String itemSlug = item.slug().length() % 3 == 0 ? item.slug() : null; // a fixed subset carries item_slug
        return new Offer("p", "p", item.title(), null, artist.merchUrl(item), item.price(), null,
                item.packageImageId(), itemSlug);
    }

    /** "Full Digital Discography": priced as a bundle, pointing at the newest album's page. */
    private static Offer discography(Artist artist) {
        Album newest = artist.albums().get(0);
        return new Offer("b", "a", "Full Digital Discography", null, artist.albumUrl(newest),
                artist.discographyPrice(), newest.artId(), null, null);
    }
}
