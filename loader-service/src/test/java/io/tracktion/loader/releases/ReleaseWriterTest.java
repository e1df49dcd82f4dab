package io.tracktion.loader.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.loader.batch.Transactions;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseLabel;
import io.tracktion.testsupport.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Releases written into a real PostgreSQL: the same records in any order give the same rows, as a replay must. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReleaseWriterTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    private static final String ARTIST_URL = "https://velvetorrery.bandcamp.com";
    private static final String LABEL_URL = "https://harbourlight.bandcamp.com";
    private static final Instant READ = Instant.parse("2026-03-02T12:00:00Z");

    private final ReleaseWriter writer = new ReleaseWriter();

    @Test
    void theNewestPageNamesTheArtistAndLabelWhateverOrderThePagesComeIn() throws SQLException {
        // Two releases of one artist, read a day apart; the artist renamed itself and gave its place in between.
        Release older = release("lanterns", READ, "Velvet Orrery", null, "Harbour Light");
        Release newer = release("kessel-bay", READ.plusSeconds(86_400), "The Velvet Orrery", "Hamburg",
                "Harbour Light Records");

        DataSource inOrder = written(older, newer);
        DataSource reversed = written(newer, older);

        String artists = "SELECT artist_id, url, name, location, seen_at FROM artist";
        String names = "SELECT artist_id, name, first_seen_at, last_seen_at FROM artist_name ORDER BY name";
        String labels = "SELECT label_id, url, name, location, seen_at FROM label";
        for (String sql : List.of(artists, names, labels)) {
            assertThat(rows(reversed, sql)).as(sql).isEqualTo(rows(inOrder, sql));
        }
        String artistId = EntityIds.artist(ARTIST_URL);
        assertThat(rows(inOrder, artists))
                .containsExactly(artistId + "|" + ARTIST_URL + "|The Velvet Orrery|Hamburg|2026-03-03 12:00:00+00");
        // The names an artist had, when the pages that gave them were read, not when the loader wrote them.
        assertThat(rows(inOrder, names)).containsExactly(
                artistId + "|The Velvet Orrery|2026-03-03 12:00:00+00|2026-03-03 12:00:00+00",
                artistId + "|Velvet Orrery|2026-03-02 12:00:00+00|2026-03-02 12:00:00+00");
        assertThat(rows(inOrder, labels)).singleElement().asString().contains("|Harbour Light Records|");
    }

    @Test
    void anOlderPageOnlyFillsWhatTheNewerOneLacks() throws SQLException {
        Release older = release("lanterns", READ, "Velvet Orrery", "Hamburg", "Harbour Light");
        Release newer = release("kessel-bay", READ.plusSeconds(60), "Velvet Orrery", null, "Harbour Light");

        for (DataSource db : List.of(written(older, newer), written(newer, older))) {
            assertThat(rows(db, "SELECT name, location FROM artist")).containsExactly("Velvet Orrery|Hamburg");
        }
    }

    /** Every release read updates its sales' attribution: they are found by an index, never by reading table sale. */
    @Test
    void findsAReleasesSalesByAnIndexOnTheirPageUrl() throws SQLException {
        DataSource db = POSTGRES.dataSource(POSTGRES.newMigratedDatabase());
        String url = "'" + ARTIST_URL + "/album/lanterns'";

        List<String> plan;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet r = s.executeQuery("EXPLAIN " + ReleaseWriter.ATTRIBUTE_SALES.replace("?", url))) {
                plan = new ArrayList<>();
                while (r.next()) {
                    plan.add(r.getString(1));
                }
            }
        }

        assertThat(String.join("\n", plan)).doesNotContainPattern("Seq Scan on sale")
                .containsPattern("Index Scan (using|on) sale_\\d{4}_\\d{2}_release_url_sold_at_idx");
    }

    private DataSource written(Release... releases) throws SQLException {
        DataSource db = POSTGRES.dataSource(POSTGRES.newMigratedDatabase());
        for (Release release : releases) {
            Transactions.inTransaction(db, connection -> writer.write(connection, List.of(release)));
        }
        return db;
    }

    private static Release release(String slug, Instant read, String artist, String location, String label) {
        String url = ARTIST_URL + "/album/" + slug;
        return Release.newBuilder().setUrl(url).setId(EntityIds.release(url)).setStatus("known")
                .setFirstSeenAt(read.minusSeconds(10)).setFetchedAt(read).setHttpStatus(200).setSource("json-ld")
                .setKind("album").setTitle(slug).setTracks(List.of()).setFormats(List.of())
                .setArtist(new ReleaseArtist(EntityIds.artist(ARTIST_URL), artist, ARTIST_URL, null, location))
                .setLabel(new ReleaseLabel(EntityIds.label(LABEL_URL), label, LABEL_URL, 338L, null))
                .build();
    }

    private static List<String> rows(DataSource db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            try (ResultSet r = s.executeQuery(sql)) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        values.add(r.getString(i));
                    }
                    rows.add(String.join("|", values));
                }
            }
        }
        return rows;
    }
}
