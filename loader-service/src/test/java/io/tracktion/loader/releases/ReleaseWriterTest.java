package io.tracktion.loader.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.loader.batch.Transactions;
import io.tracktion.loader.sales.SaleWriter;
import io.tracktion.loader.testing.Sales;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseLabel;
import io.tracktion.schemas.Sale;
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

    /**
     * A release read after its first sales gives them its ids, and a later read that moves it to another label moves
     * them: all of its sales, in every month and under every name its artist had, however the batches came, and no
     * other release's.
     */
    @Test
    void aReleaseReadAfterItsSalesGivesEachOfThemItsIdsAndNoOtherSale() throws SQLException {
        DataSource db = POSTGRES.dataSource(POSTGRES.newMigratedDatabase());
        String page = ARTIST_URL + "/album/lanterns";
        SaleWriter sales = new SaleWriter();
        // The second batch holds the release's earliest sale, forty days before the first batch's.
        Transactions.inTransaction(db, c -> sales.write(c, List.of(
                sale("late", page + "?from=discover", "Velvet Orrery", READ.plusSeconds(3_600)),
                sale("other-release", ARTIST_URL + "/album/kessel-bay", "Velvet Orrery", READ.plusSeconds(3_700)))));
        Transactions.inTransaction(db, c -> sales.write(c, List.of(
                sale("early", page, "Velvet Orrery", READ.minusSeconds(40 * 86_400)),
                sale("renamed", page, "The Velvet Orrery", READ))));
        assertThat(rows(db, "SELECT artist, first_sold_at FROM release_sale_span WHERE release_url = '" + page
                + "' ORDER BY artist")).containsExactly("The Velvet Orrery|2026-03-02 12:00:00+00",
                "Velvet Orrery|2026-01-21 12:00:00+00");
        String attribution = "SELECT sale_id, release_id, label_id FROM sale ORDER BY sale_id";
        assertThat(rows(db, attribution)).containsExactly("early|null|null", "late|null|null",
                "other-release|null|null", "renamed|null|null");

        Release known = release("lanterns", READ.plusSeconds(7_200), "Velvet Orrery", null, "Harbour Light");
        Transactions.inTransaction(db, c -> writer.write(c, List.of(known)));
        String release = EntityIds.release(page);
        String label = EntityIds.label(LABEL_URL);
        assertThat(rows(db, attribution)).containsExactly("early|" + release + "|" + label,
                "late|" + release + "|" + label, "other-release|null|null", "renamed|" + release + "|" + label);

        String otherLabelUrl = "https://tidewater.bandcamp.com";
        Release relabelled = release("lanterns", READ.plusSeconds(10_800), "Velvet Orrery", null, "Tidewater",
                otherLabelUrl);
        Transactions.inTransaction(db, c -> writer.write(c, List.of(relabelled)));
        String otherLabel = EntityIds.label(otherLabelUrl);
        assertThat(rows(db, attribution)).containsExactly("early|" + release + "|" + otherLabel,
                "late|" + release + "|" + otherLabel, "other-release|null|null",
                "renamed|" + release + "|" + otherLabel);
    }

    /** Every release read that changes its ids updates its sales: they are found by an index, never by reading table sale. */
    @Test
    void findsAReleasesSalesByAnIndexOnTheirArtistAndTime() throws SQLException {
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
                .containsPattern("Index Scan (using|on) sale_\\d{4}_\\d{2}_artist_sold_at_sale_id_idx");
    }

    private static Sale sale(String id, String url, String artist, Instant at) {
        return Sales.builder(id).setUrl(url).setArtist(artist).setArtistUrl(ARTIST_URL).setSoldAt(at).setCartSoldAt(at)
                .build();
    }

    private DataSource written(Release... releases) throws SQLException {
        DataSource db = POSTGRES.dataSource(POSTGRES.newMigratedDatabase());
        for (Release release : releases) {
            Transactions.inTransaction(db, connection -> writer.write(connection, List.of(release)));
        }
        return db;
    }

    private static Release release(String slug, Instant read, String artist, String location, String label) {
        return release(slug, read, artist, location, label, LABEL_URL);
    }

    private static Release release(String slug, Instant read, String artist, String location, String label,
                                   String labelUrl) {
        String url = ARTIST_URL + "/album/" + slug;
        return Release.newBuilder().setUrl(url).setId(EntityIds.release(url)).setStatus("known")
                .setFirstSeenAt(read.minusSeconds(10)).setFetchedAt(read).setHttpStatus(200).setSource("json-ld")
                .setKind("album").setTitle(slug).setTracks(List.of()).setFormats(List.of())
                .setArtist(new ReleaseArtist(EntityIds.artist(ARTIST_URL), artist, ARTIST_URL, null, location))
                .setLabel(new ReleaseLabel(EntityIds.label(labelUrl), label, labelUrl, 338L, null))
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
