package io.tracktion.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseUrlsTest {

    @Test
    void everySpellingOfAPageHasOneCanonicalForm() {
        String canonical = "https://velvetorrery.bandcamp.com/album/lanterns";
        for (String spelling : new String[] {"//velvetorrery.bandcamp.com/album/lanterns",
                "http://velvetorrery.bandcamp.com/album/lanterns", "https://VelvetOrrery.Bandcamp.com/album/lanterns/",
                "https://velvetorrery.bandcamp.com//album/lanterns?from=discover#t1",
                " https://velvetorrery.bandcamp.com:443/album/lanterns "}) {
            assertEquals(Optional.of(canonical), ReleaseUrls.release(spelling), spelling);
        }
    }

    @Test
    void onlyAlbumTrackAndMerchPagesAreReleases() {
        assertEquals(Optional.of("track"), ReleaseUrls.kind("//a.bandcamp.com/track/x"));
        assertEquals(Optional.of("merch"), ReleaseUrls.kind("//music.example.org/merch/shirt"));
        assertEquals(Optional.empty(), ReleaseUrls.release("//a.bandcamp.com"));
        assertEquals(Optional.empty(), ReleaseUrls.release("//a.bandcamp.com/music"));
        assertEquals(Optional.empty(), ReleaseUrls.release("//a.bandcamp.com/album/x/y"));
        assertEquals(Optional.empty(), ReleaseUrls.release("ftp://a.bandcamp.com/album/x"));
        assertEquals(Optional.empty(), ReleaseUrls.release("not a url"));
        assertEquals(Optional.empty(), ReleaseUrls.release(null));
        assertEquals(Optional.of("https://a.bandcamp.com"), ReleaseUrls.root("//A.bandcamp.com/album/x"));
        // Runs of slashes fold, trailing ones go, wherever they are.
        assertEquals(Optional.of("https://a.bandcamp.com/album/x"), ReleaseUrls.release("https://a.bandcamp.com///album///x//"));
        assertEquals(Optional.of("https://a.bandcamp.com"), ReleaseUrls.canonical("https://a.bandcamp.com///"));
        assertEquals(Optional.of("https://a.bandcamp.com/music"), ReleaseUrls.canonical("https://a.bandcamp.com/music/"));
    }

    @Test
    void idsAreShortStableAndFollowTheUrlNotTheName() {
        String id = EntityIds.artist("https://velvetorrery.bandcamp.com");
        assertEquals(16, id.length());
        assertTrue(id.matches("[a-z2-7]{16}"), id);
        assertEquals(id, EntityIds.artist("https://velvetorrery.bandcamp.com"));
        // Two artists called Echo on two labels stay two; the same name on one label is one.
        String echoOnA = EntityIds.artistOnLabel("https://label-a.bandcamp.com", "Echo");
        assertNotEquals(echoOnA, EntityIds.artistOnLabel("https://label-b.bandcamp.com", "Echo"));
        assertEquals(echoOnA, EntityIds.artistOnLabel("https://label-a.bandcamp.com", " echo "));
        assertNotEquals(EntityIds.artist("https://echo1.bandcamp.com"), EntityIds.artist("https://echo2.bandcamp.com"));
    }

    @Test
    void knownIdStaysTheSameForever() {
        // Pinned: ids are stored and shared, so the derivation must never change.
        assertEquals(EntityIds.release("https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay"),
                EntityIds.release("https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay"));
    }
}
