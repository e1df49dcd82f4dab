package io.tracktion.simulator.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void catalogueIsTheSameForTheSameSeed() {
        Catalog first = Catalog.generate(99);
        Catalog second = Catalog.generate(99);
        assertEquals(first.artists(), second.artists());
        assertEquals(320, first.artists().size());
        assertEquals(first.artists().size(), first.artists().stream().map(Artist::host).distinct().count(), "hosts are unique");
    }

    @Test
    void otherSeedsMakeOtherCatalogues() {
        assertNotEquals(Catalog.generate(1).artists(), Catalog.generate(2).artists());
    }

    @Test
    void slugsAndSubdomainsAreUrlSafeAndUniquePerArtist() {
        for (Artist artist : Catalog.generate(42).artists()) {
            assertTrue(artist.host().matches("[a-z0-9.-]+"), artist.host());
            List<String> trackSlugs = Stream.concat(artist.albums().stream().flatMap(a -> a.tracks().stream()),
                    artist.singles().stream()).map(Track::slug).toList();
            assertEquals(trackSlugs.size(), trackSlugs.stream().distinct().count(), "track URLs are unique per artist");
            assertEquals(artist.albums().size(), artist.albums().stream().map(Album::slug).distinct().count());
            artist.albums().forEach(a -> assertTrue(a.slug().matches("[a-z0-9]+(-[a-z0-9]+)*"), a.slug()));
        }
    }
}
