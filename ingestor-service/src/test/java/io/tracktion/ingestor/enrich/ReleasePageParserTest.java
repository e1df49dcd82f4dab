package io.tracktion.ingestor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseFormat;
import io.tracktion.schemas.ReleaseLabel;
import io.tracktion.schemas.ReleaseTrack;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden tests: pages we wrote ourselves, every extracted field asserted. */
class ReleasePageParserTest {

    private static final Instant FETCHED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant FIRST_SEEN = Instant.parse("2026-12-01T09:59:00Z");
    private final ReleasePageParser parser = new ReleasePageParser(new TagClassifier(TagVocabulary.shipped()));

    @Test
    void albumOnALabel() throws Exception {
        String url = "https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay";
        Release release = parse("album-on-label.html", url);

        assertThat(release.getUrl()).isEqualTo(url);
        assertThat(release.getId()).isEqualTo(EntityIds.release(url));
        assertThat(release.getStatus()).isEqualTo("known");
        assertThat(release.getSource()).isEqualTo("json-ld");
        assertThat(release.getFetchedAt()).isEqualTo(FETCHED);
        assertThat(release.getFirstSeenAt()).isEqualTo(FIRST_SEEN);
        assertThat(release.getHttpStatus()).isEqualTo(200);
        assertThat(release.getProblem()).isNull();
        assertThat(release.getKind()).isEqualTo("album");
        assertThat(release.getTitle()).isEqualTo("Lanterns Over Kessel Bay");
        assertThat(release.getItemId()).isEqualTo(1188203344L);
        assertThat(release.getArtist()).isEqualTo(new ReleaseArtist(EntityIds.artist("https://velvetorrery.bandcamp.com"),
                "Velvet Orrery", "https://velvetorrery.bandcamp.com", null, "Hamburg"));
        assertThat(release.getLabel()).isEqualTo(new ReleaseLabel(EntityIds.label("https://harbourlightrecords.bandcamp.com"),
                "Harbour Light Records", "https://harbourlightrecords.bandcamp.com", 3381907761L, "Hamburg, Germany"));
        assertThat(release.getLocation()).isEqualTo("Hamburg");
        assertThat(release.getCountryCode()).isEqualTo("DE");
        assertThat(release.getGenre()).isEqualTo("electronic");
        assertThat(release.getTags()).containsExactly("ambient", "dub techno", "field recordings");
        assertThat(release.getKeywords()).containsExactly("Electronic", "ambient", "dub techno", "field recordings", "Hamburg");
        assertThat(release.getReleaseDate()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(release.getModifiedAt()).isEqualTo(Instant.parse("2025-04-02T10:11:12Z"));
        assertThat(release.getAlbumUrl()).isNull();
        assertThat(release.getAlbumTitle()).isNull();
        assertThat(release.getTrackCount()).isEqualTo(3);
        assertThat(release.getTracks()).containsExactly(
                new ReleaseTrack(1, "Harbour Lights", 312, 77001L),
                new ReleaseTrack(2, "Slow Tide", 460, 77002L),
                new ReleaseTrack(3, "Kessel Bay", 185, 77003L));
        assertThat(release.getFormats()).containsExactly(
                new ReleaseFormat("Lanterns Over Kessel Bay", "a", "Digital", "DigitalFormat", 1188203344L,
                        new BigDecimal("7.0000"), "EUR"),
                new ReleaseFormat("Limited Edition Cassette", "p", "Cassette", "CassetteFormat", null,
                        new BigDecimal("12.0000"), "EUR"));
    }

    @Test
    void selfReleasedAlbumWithAliasesAndTheArtistsOwnLocation() throws Exception {
        String url = "https://echo-bristol.bandcamp.com/album/night-bus-home";
        Release release = parse("album-self-released.html", url);

        assertThat(release.getLabel()).isNull();
        assertThat(release.getArtist()).isEqualTo(new ReleaseArtist(EntityIds.artist("https://echo-bristol.bandcamp.com"),
                "Echo", "https://echo-bristol.bandcamp.com", 40011L, "Bristol, UK"));
        assertThat(release.getLocation()).isEqualTo("Bristol, UK");
        assertThat(release.getCountryCode()).isEqualTo("GB");
        assertThat(release.getGenre()).isEqualTo("electronic");
        // dnb and Drum and Bass are one tag; lofi is lo-fi; Bristol is a place, not a tag.
        assertThat(release.getTags()).containsExactly("drum & bass", "jungle", "lo-fi");
        assertThat(release.getReleaseDate()).isEqualTo(LocalDate.of(2024, 10, 1));
        assertThat(release.getModifiedAt()).isEqualTo(Instant.parse("2024-10-03T08:00:00Z"));
        assertThat(release.getItemId()).isEqualTo(5550001L);
        assertThat(release.getTrackCount()).isEqualTo(2);
        assertThat(release.getTracks()).containsExactly(new ReleaseTrack(1, "Last Stop", 243, null),
                new ReleaseTrack(2, "Sodium Light", 390, 900002L));
        assertThat(release.getFormats()).containsExactly(
                new ReleaseFormat("Night Bus Home", "a", "Digital", "DigitalFormat", 5550001L, new BigDecimal("0.0000"), "GBP"),
                new ReleaseFormat("12\" Vinyl", "p", "Vinyl LP", "VinylFormat", null, new BigDecimal("21.5000"), "GBP"));
    }

    @Test
    void trackKnowsItsAlbumAndKeepsR_B_80s_and_EDM_intact() throws Exception {
        String url = "https://velvetorrery.bandcamp.com/track/slow-tide";
        Release release = parse("track-in-album.html", url);

        assertThat(release.getKind()).isEqualTo("track");
        assertThat(release.getTitle()).isEqualTo("Slow Tide");
        assertThat(release.getItemId()).isEqualTo(77002L);
        assertThat(release.getAlbumUrl()).isEqualTo("https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay");
        assertThat(release.getAlbumTitle()).isEqualTo("Lanterns Over Kessel Bay");
        assertThat(release.getTrackCount()).isEqualTo(1);
        assertThat(release.getTracks()).containsExactly(new ReleaseTrack(1, "Slow Tide", 460, 77002L));
        assertThat(release.getGenre()).isEqualTo("electronic");
        assertThat(release.getTags()).containsExactly("ambient", "hip-hop", "R&B", "80s", "EDM");
        assertThat(release.getLocation()).isEqualTo("Hamburg");
        assertThat(release.getCountryCode()).isEqualTo("DE");
        assertThat(release.getLabel().getName()).isEqualTo("Harbour Light Records");
        assertThat(release.getArtist().getUrl()).isEqualTo("https://velvetorrery.bandcamp.com");
        assertThat(release.getReleaseDate()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(release.getModifiedAt()).isNull();
        assertThat(release.getFormats()).containsExactly(
                new ReleaseFormat("Slow Tide", "t", null, null, 77002L, new BigDecimal("1.0000"), "EUR"));
    }

    @Test
    void merchPageWithoutTrackList() throws Exception {
        String url = "https://velvetorrery.bandcamp.com/merch/tour-shirt-2025";
        Release release = parse("merch.html", url);

        assertThat(release.getKind()).isEqualTo("merch");
        assertThat(release.getTitle()).isEqualTo("Tour Shirt 2025");
        assertThat(release.getArtist()).isEqualTo(new ReleaseArtist(EntityIds.artist("https://velvetorrery.bandcamp.com"),
                "Velvet Orrery", "https://velvetorrery.bandcamp.com", null, null));
        assertThat(release.getLabel()).isNull();
        assertThat(release.getTracks()).isEmpty();
        assertThat(release.getTrackCount()).isNull();
        assertThat(release.getGenre()).isNull();
        assertThat(release.getTags()).isEmpty();
        assertThat(release.getLocation()).isNull();
        assertThat(release.getReleaseDate()).isNull();
        assertThat(release.getItemId()).isNull();
        assertThat(release.getFormats()).containsExactly(
                new ReleaseFormat("Tour Shirt 2025", "p", "T-Shirt/Apparel", null, null, new BigDecimal("25.0000"), "EUR"));
    }

    @Test
    void pageWithoutJsonLdFallsBackToTagLinksAndTheReleasedLine() throws Exception {
        String url = "https://greystatic.bandcamp.com/album/basement-tapes-vol-2";
        Release release = parse("no-json-ld.html", url);

        assertThat(release.getSource()).isEqualTo("html");
        assertThat(release.getKind()).isEqualTo("album");
        assertThat(release.getTitle()).isEqualTo("Basement Tapes Vol. 2");
        assertThat(release.getArtist()).isEqualTo(new ReleaseArtist(EntityIds.artist("https://greystatic.bandcamp.com"),
                "Grey Static", "https://greystatic.bandcamp.com", null, "Detroit"));
        assertThat(release.getLabel()).isNull();
        assertThat(release.getGenre()).isEqualTo("punk");
        assertThat(release.getTags()).containsExactly("hardcore punk", "lo-fi");
        assertThat(release.getLocation()).isEqualTo("Detroit");
        assertThat(release.getCountryCode()).isEqualTo("US");
        assertThat(release.getReleaseDate()).isEqualTo(LocalDate.of(2023, 7, 4));
        assertThat(release.getTracks()).isEmpty();
        assertThat(release.getTrackCount()).isNull();
        assertThat(release.getFormats()).isEmpty();
        assertThat(release.getItemId()).isNull();
    }

    @Test
    void nonLatinPage() throws Exception {
        String url = "https://aoineko.bandcamp.com/album/yoru-no-sanpo";
        Release release = parse("non-latin.html", url);

        assertThat(release.getTitle()).isEqualTo("夜の散歩");
        assertThat(release.getArtist()).isEqualTo(new ReleaseArtist(EntityIds.artist("https://aoineko.bandcamp.com"),
                "青い猫", "https://aoineko.bandcamp.com", 777L, "東京"));
        // A script without case has no capitalised genre: the first tag, an alias of city pop, is a tag.
        assertThat(release.getGenre()).isNull();
        assertThat(release.getTags()).containsExactly("city pop", "j-pop");
        assertThat(release.getLocation()).isEqualTo("東京");
        assertThat(release.getCountryCode()).isEqualTo("JP");
        assertThat(release.getReleaseDate()).isEqualTo(LocalDate.of(2022, 2, 20));
        assertThat(release.getTracks()).containsExactly(new ReleaseTrack(1, "雨の駅", 239, null));
        assertThat(release.getTrackCount()).isEqualTo(1);
        assertThat(release.getFormats()).containsExactly(
                new ReleaseFormat("夜の散歩", "a", null, null, 31337L, new BigDecimal("1500.0000"), "JPY"));
    }

    @Test
    void customDomainWithKeywordsAsTextAndJsonLdInAnArray() throws Exception {
        String url = "https://music.quietensemble.org/album/field-notes";
        Release release = parse("custom-domain.html", url);

        assertThat(release.getArtist()).isEqualTo(new ReleaseArtist(EntityIds.artist("https://music.quietensemble.org"),
                "The Quiet Ensemble", "https://music.quietensemble.org", null, "Vermont"));
        assertThat(release.getLabel()).isNull();
        assertThat(release.getGenre()).isEqualTo("classical");
        assertThat(release.getTags()).containsExactly("minimalism", "string quartet");
        assertThat(release.getLocation()).isEqualTo("Vermont");
        assertThat(release.getCountryCode()).isEqualTo("US");
        assertThat(release.getReleaseDate()).isEqualTo(LocalDate.of(2021, 5, 7));
        assertThat(release.getTrackCount()).isEqualTo(4);
        assertThat(release.getTracks()).isEmpty();
    }

    @Test
    void brokenHtmlWithCutOffJsonLdIsReadFromItsMarkup() throws Exception {
        String url = "https://mothradio.bandcamp.com/album/static-bloom";
        Release release = parse("broken.html", url);

        assertThat(release.getSource()).isEqualTo("html");
        assertThat(release.getTitle()).isEqualTo("Static Bloom");
        assertThat(release.getArtist().getName()).isEqualTo("Moth Radio");
        assertThat(release.getArtist().getUrl()).isEqualTo("https://mothradio.bandcamp.com");
        assertThat(release.getGenre()).isEqualTo("rock");
        assertThat(release.getTags()).containsExactly("shoegaze", "dream pop");
        assertThat(release.getLocation()).isEqualTo("Chicago");
        assertThat(release.getCountryCode()).isEqualTo("US");
        assertThat(release.getReleaseDate()).isEqualTo(LocalDate.of(2020, 6, 3));
    }

    @Test
    void aPageThatNamesNoReleaseIsUnreadable() {
        assertThatThrownBy(() -> parse("not-a-release.html", "https://gone.bandcamp.com/album/x"))
                .isInstanceOf(UnreadablePageException.class).hasMessageContaining("names no release");
        assertThatThrownBy(() -> parser.parse("https://x.bandcamp.com/album/x", new byte[] {(byte) 0xff, 0, 1},
                null, FETCHED, FIRST_SEEN)).isInstanceOf(UnreadablePageException.class);
    }

    @Test
    void twoArtistsWhoShareANameOnOneLabelsSiteAndAnotherStayApart() throws Exception {
        String page = """
                <html><head><script type="application/ld+json">
                {"@type":"MusicAlbum","name":"A","byArtist":{"name":"Echo","@id":"%s"},
                 "publisher":{"name":"%s","@id":"%s"}}
                </script></head></html>""";
        Release onLabel = parser.parse("https://tiny-label.bandcamp.com/album/a", page.formatted(
                "https://tiny-label.bandcamp.com", "Tiny Label", "https://tiny-label.bandcamp.com").getBytes(),
                "UTF-8", FETCHED, FIRST_SEEN);
        Release ownSite = parse("album-self-released.html", "https://echo-bristol.bandcamp.com/album/night-bus-home");

        assertThat(onLabel.getArtist().getName()).isEqualTo(ownSite.getArtist().getName());
        assertThat(onLabel.getArtist().getId()).isNotEqualTo(ownSite.getArtist().getId())
                .isEqualTo(EntityIds.artistOnLabel("https://tiny-label.bandcamp.com", "Echo"));
        assertThat(onLabel.getLabel().getUrl()).isEqualTo("https://tiny-label.bandcamp.com");
    }

    @Test
    void durations() {
        assertThat(PageValues.seconds("P00H05M12S")).isEqualTo(312);
        assertThat(PageValues.seconds("PT1H2M3.6S")).isEqualTo(3724);
        assertThat(PageValues.seconds("PT45S")).isEqualTo(45);
        assertThat(PageValues.seconds("five minutes")).isNull();
        assertThat(PageValues.seconds("P")).isNull();
    }

    private Release parse(String resource, String url) throws IOException, UnreadablePageException {
        try (InputStream in = getClass().getResourceAsStream("/pages/" + resource)) {
            return parser.parse(url, in.readAllBytes(), null, FETCHED, FIRST_SEEN);
        }
    }

}
