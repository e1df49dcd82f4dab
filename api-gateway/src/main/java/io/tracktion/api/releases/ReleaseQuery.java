package io.tracktion.api.releases;

import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Reads releases with their artist, label and tags (tables of migration V2). */
@Singleton
public class ReleaseQuery {

    private static final String SELECT = """
            SELECT r.release_id, r.url, r.kind, r.title, r.genre, r.location, r.country_code, r.release_date,
                   r.track_count, r.album_url, r.album_title, r.status, r.fetched_at, r.first_seen_at, r.problem,
                   a.artist_id, a.name AS artist_name, a.url AS artist_url, a.location AS artist_location,
                   l.label_id, l.name AS label_name, l.url AS label_url,
                   ARRAY(SELECT rt.tag FROM release_tag rt
                         WHERE rt.release_id = r.release_id AND rt.role = 'descriptive' ORDER BY rt.position) AS tags
            FROM release r
            LEFT JOIN artist a ON a.artist_id = r.artist_id
            LEFT JOIN label l ON l.label_id = r.label_id
            """;

    private final Jdbc jdbc;

    public ReleaseQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReleaseView> byId(String id) {
        return jdbc.query(SELECT + "WHERE r.release_id = ?", List.of(id), ReleaseQuery::release).stream().findFirst();
    }

    public Optional<ReleaseView> byUrl(String canonicalUrl) {
        return jdbc.query(SELECT + "WHERE r.url = ?", List.of(canonicalUrl), ReleaseQuery::release).stream().findFirst();
    }

    private static ReleaseView release(ResultSet row) throws SQLException {
        String artistId = row.getString("artist_id");
        String labelId = row.getString("label_id");
        Object trackCount = row.getObject("track_count");
        java.sql.Date released = row.getDate("release_date");
        return new ReleaseView(row.getString("release_id"), row.getString("url"), row.getString("kind"),
                row.getString("title"),
                artistId == null ? null : new ReleaseView.Artist(artistId, row.getString("artist_name"),
                        row.getString("artist_url"), row.getString("artist_location")),
                labelId == null ? null : new ReleaseView.Label(labelId, row.getString("label_name"), row.getString("label_url")),
                row.getString("genre"), tags(row.getArray("tags")), row.getString("location"),
                row.getString("country_code"), released == null ? null : LocalDate.parse(released.toString()),
                trackCount == null ? null : ((Number) trackCount).intValue(), row.getString("album_url"),
                row.getString("album_title"), row.getString("status"),
                row.getTimestamp("fetched_at") == null ? null : Jdbc.instant(row, "fetched_at"),
                Jdbc.instant(row, "first_seen_at"), row.getString("problem"), null, List.of(), List.of());
    }

    /** A text[] column as a list. */
    public static List<String> tags(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }
}
