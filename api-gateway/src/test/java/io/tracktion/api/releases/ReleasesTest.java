package io.tracktion.api.releases;

import static io.tracktion.api.testing.TestSale.sale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.schemas.EntityIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReleasesTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    private static final String ALBUM = "https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay";
    private static final String PENDING = "https://velvetorrery.bandcamp.com/track/slow-tide";
    private static final String ARTIST = "https://velvetorrery.bandcamp.com";
    private static final String LABEL = "https://harbourlight.bandcamp.com";

    /** The rows the loader writes for two releases: one read from its page, one not fetched yet. */
    private static void twoReleases() {
        String artistId = EntityIds.artist(ARTIST);
        String labelId = EntityIds.label(LABEL);
        API.execute("""
                INSERT INTO artist VALUES ('%s', '%s', NULL, 'Velvet Orrery', 'Hamburg', now());
                INSERT INTO label VALUES ('%s', '%s', 338, 'Harbour Light', 'Hamburg, Germany', now());
                INSERT INTO release (release_id, url, status, kind, title, artist_id, label_id, genre, location,
                                     country_code, release_date, track_count, source, http_status, first_seen_at, fetched_at)
                VALUES ('%s', '%s', 'known', 'album', 'Lanterns Over Kessel Bay', '%s', '%s', 'electronic', 'Hamburg',
                        'DE', '2025-03-14', 3, 'json-ld', 200, '2026-12-01T09:59:00Z', '2026-12-01T10:00:00.123456Z');
                INSERT INTO release (release_id, url, status, first_seen_at)
                VALUES ('%s', '%s', 'pending', '2026-12-01T10:01:00Z');
                INSERT INTO tag VALUES ('electronic', 'genre'), ('ambient', 'descriptive'), ('dub techno', 'descriptive'),
                                       ('hamburg', 'location');
                INSERT INTO release_tag VALUES ('%5$s', 'electronic', 'genre', 0), ('%5$s', 'ambient', 'descriptive', 1),
                                               ('%5$s', 'dub techno', 'descriptive', 2), ('%5$s', 'hamburg', 'location', 3);
                """.formatted(artistId, ARTIST, labelId, LABEL, EntityIds.release(ALBUM), ALBUM, artistId, labelId,
                EntityIds.release(PENDING), PENDING));
    }

    @Test
    void findsAReleaseByAnySpellingOfItsUrlWithEveryField() {
        twoReleases();
        for (String spelling : List.of(ALBUM, "http://VelvetOrrery.bandcamp.com/album/lanterns-over-kessel-bay/",
                "//velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay?from=embed")) {
            JsonNode items = API.getJson("/api/v1/releases?url=" + URLEncoder.encode(spelling, StandardCharsets.UTF_8)).get("items");
            assertThat(items).as(spelling).hasSize(1);
            JsonNode release = items.get(0);
            assertThat(release.get("id").asText()).isEqualTo(EntityIds.release(ALBUM));
            assertThat(release.get("url").asText()).isEqualTo(ALBUM);
            assertThat(release.get("kind").asText()).isEqualTo("album");
            assertThat(release.get("title").asText()).isEqualTo("Lanterns Over Kessel Bay");
            assertThat(release.get("artist").get("id").asText()).isEqualTo(EntityIds.artist(ARTIST));
            assertThat(release.get("artist").get("name").asText()).isEqualTo("Velvet Orrery");
            assertThat(release.get("artist").get("url").asText()).isEqualTo(ARTIST);
            assertThat(release.get("artist").get("location").asText()).isEqualTo("Hamburg");
            assertThat(release.get("label").get("id").asText()).isEqualTo(EntityIds.label(LABEL));
            assertThat(release.get("label").get("name").asText()).isEqualTo("Harbour Light");
            assertThat(release.get("label").get("url").asText()).isEqualTo(LABEL);
            assertThat(release.get("genre").asText()).isEqualTo("electronic");
            assertThat(texts(release.get("tags"))).containsExactly("ambient", "dub techno");
            assertThat(release.get("location").asText()).isEqualTo("Hamburg");
            assertThat(release.get("releaseDate").asText()).isEqualTo("2025-03-14");
            assertThat(release.get("trackCount").asInt()).isEqualTo(3);
            assertThat(release.get("status").asText()).isEqualTo("known");
            assertThat(release.get("fetchedAt").asText()).isEqualTo("2026-12-01T10:00:00.123456Z");
        }
    }

    @Test
    void aReleaseNotReadYetIsPendingWithNothingBorrowed() {
        twoReleases();
        JsonNode release = API.getJson("/api/v1/releases/" + EntityIds.release(PENDING));
        assertThat(release.get("status").asText()).isEqualTo("pending");
        for (String field : List.of("kind", "title", "artist", "label", "genre", "location", "releaseDate",
                "trackCount", "fetchedAt")) {
            assertThat(release.get(field).isNull()).as(field).isTrue();
        }
        assertThat(release.get("tags")).isEmpty();
    }

    @Test
    void unknownAndBadRequestsAreAnsweredPlainly() {
        twoReleases();
        assertThat(API.getJson("/api/v1/releases?url=" + URLEncoder.encode("https://nobody.bandcamp.com/album/x",
                StandardCharsets.UTF_8)).get("items")).isEmpty();
        ApiResponse missing = API.get("/api/v1/releases/" + EntityIds.release("https://nobody.bandcamp.com/album/x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        for (String bad : List.of("/api/v1/releases", "/api/v1/releases?url=", "/api/v1/releases?url=not%20a%20url",
                "/api/v1/releases?url=https%3A%2F%2Fvelvetorrery.bandcamp.com%2Fmusic", "/api/v1/releases/NOT-AN-ID",
                "/api/v1/releases/" + "a".repeat(300))) {
            ApiResponse response = API.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    @Test
    void salesCarryTheirReleaseArtistLabelGenreAndTags() {
        twoReleases();
        API.insert(
                sale("known").soldAt("2026-12-01T10:05:00Z").item("album", "Lanterns Over Kessel Bay", null,
                        "http://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay"),
                sale("pending").soldAt("2026-12-01T10:04:00Z").item("track", "Slow Tide", null, PENDING),
                sale("nopage").soldAt("2026-12-01T10:03:00Z").item("bundle", "Discography", null, ARTIST));

        JsonNode items = API.getJson("/api/v1/sales").get("items");
        JsonNode known = items.get(0);
        assertThat(known.get("releaseId").asText()).isEqualTo(EntityIds.release(ALBUM));
        assertThat(known.get("artistId").asText()).isEqualTo(EntityIds.artist(ARTIST));
        assertThat(known.get("label").get("name").asText()).isEqualTo("Harbour Light");
        assertThat(known.get("label").get("id").asText()).isEqualTo(EntityIds.label(LABEL));
        assertThat(known.get("genre").asText()).isEqualTo("electronic");
        assertThat(texts(known.get("tags"))).containsExactly("ambient", "dub techno");

        JsonNode pending = items.get(1);
        assertThat(pending.get("releaseId").asText()).isEqualTo(EntityIds.release(PENDING));
        for (String field : List.of("artistId", "label", "genre")) {
            assertThat(pending.get(field).isNull()).as(field).isTrue();
        }
        assertThat(pending.get("tags")).isEmpty();
        assertThat(items.get(2).get("releaseId").isNull()).isTrue();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
