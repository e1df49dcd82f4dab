package io.tracktion.api.artists;

import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Artists from tables artist and artist_name. */
@Singleton
public class ArtistQuery {

    private static final String SELECT = """
            SELECT a.artist_id, a.url, a.name, a.band_id, a.location,
                   ARRAY(SELECT n.name FROM artist_name n WHERE n.artist_id = a.artist_id
                         ORDER BY n.last_seen_at DESC, n.name) AS names,
                   ARRAY(SELECT n.first_seen_at FROM artist_name n WHERE n.artist_id = a.artist_id
                         ORDER BY n.last_seen_at DESC, n.name) AS first_seen,
                   ARRAY(SELECT n.last_seen_at FROM artist_name n WHERE n.artist_id = a.artist_id
                         ORDER BY n.last_seen_at DESC, n.name) AS last_seen
            FROM artist a
            """;

    private final Jdbc jdbc;

    public ArtistQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ArtistView> byId(String id) {
        return jdbc.query(SELECT + "WHERE a.artist_id = ?", List.of(id), ArtistQuery::artist).stream().findFirst();
    }

    /** @param rootUrl a canonical root URL: every artist whose site it is (index artist_url_idx) */
    public List<ArtistView> byUrl(String rootUrl) {
        return jdbc.query(SELECT + "WHERE a.url = ? ORDER BY a.name, a.artist_id LIMIT 100", List.of(rootUrl),
                ArtistQuery::artist);
    }

    private static ArtistView artist(ResultSet row) throws SQLException {
        String[] names = (String[]) row.getArray("names").getArray();
        Instant[] firstSeen = instants(row.getArray("first_seen"));
        Instant[] lastSeen = instants(row.getArray("last_seen"));
        List<ArtistView.Name> history = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            history.add(new ArtistView.Name(names[i], firstSeen[i], lastSeen[i]));
        }
        Object bandId = row.getObject("band_id");
        return new ArtistView(row.getString("artist_id"), row.getString("url"), row.getString("name"),
                bandId == null ? null : ((Number) bandId).longValue(), row.getString("location"), history, null,
                List.of(), List.of());
    }

    private static Instant[] instants(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        Instant[] instants = new Instant[values.length];
        for (int i = 0; i < values.length; i++) {
            instants[i] = values[i] instanceof OffsetDateTime time ? time.toInstant()
                    : ((java.sql.Timestamp) values[i]).toInstant();
        }
        return instants;
    }
}
