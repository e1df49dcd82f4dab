package io.tracktion.api.artists;

import io.tracktion.api.db.Jdbc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Artists from tables artist and artist_name. */
@Singleton
public class ArtistQuery {

    private static final String ARTISTS = "SELECT artist_id, url, name, band_id, location FROM artist WHERE ";
    private static final String NAMES = """
            SELECT artist_id, name, first_seen_at, last_seen_at FROM artist_name
            WHERE artist_id IN (SELECT artist_id FROM artist WHERE %s) ORDER BY last_seen_at DESC, name""";

    private final Jdbc jdbc;

    public ArtistQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ArtistView> byId(String id) {
        return artists("artist_id = ?", id).stream().findFirst();
    }

    /** @param rootUrl a canonical root URL: every artist whose site it is (index artist_url_idx) */
    public List<ArtistView> byUrl(String rootUrl) {
        return artists("url = ?", rootUrl);
    }

    /** The artists that match a condition on table artist (at most 100, by name), each with its names. */
    private List<ArtistView> artists(String condition, String value) {
        Map<String, List<ArtistView.Name>> names = new LinkedHashMap<>();
        jdbc.query(NAMES.formatted(condition), List.of(value), row -> names
                .computeIfAbsent(row.getString("artist_id"), id -> new ArrayList<>())
                .add(new ArtistView.Name(row.getString("name"), Jdbc.instant(row, "first_seen_at"),
                        Jdbc.instant(row, "last_seen_at"))));
        return jdbc.query(ARTISTS + condition + " ORDER BY name, artist_id LIMIT 100", List.of(value),
                row -> new ArtistView(row.getString("artist_id"), row.getString("url"), row.getString("name"),
                        Jdbc.longOrNull(row, "band_id"), row.getString("location"),
                        names.getOrDefault(row.getString("artist_id"), List.of()), null, List.of(), List.of()));
    }
}
