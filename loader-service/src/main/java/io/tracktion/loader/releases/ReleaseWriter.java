package io.tracktion.loader.releases;

import io.tracktion.loader.batch.AttributionLock;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseLabel;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes {@link Release} records to tables release, artist, artist_name, label, tag and release_tag, in the
 * caller's transaction, and links the release's sales to it (and its artist and label) once it is known. A record replaces what the row had unless it is older: a pending record (never fetched) or an
 * earlier fetch does not undo a later fetch, whatever order they come in (several writers, replays). Upserts keyed
 * by the release URL, artist id and label URL; the release's tags replaced as a whole. Writing the same record
 * again changes nothing.
 */
public final class ReleaseWriter {

    // The newest page read (seen_at) gives the name and URL; an older one only fills what is missing.
    private static final String UPSERT_ARTIST = """
            INSERT INTO artist (artist_id, url, band_id, name, location, seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (artist_id) DO UPDATE SET
                url = CASE WHEN excluded.seen_at >= artist.seen_at THEN excluded.url ELSE artist.url END,
                name = CASE WHEN excluded.seen_at >= artist.seen_at THEN excluded.name ELSE artist.name END,
                band_id = CASE WHEN excluded.seen_at >= artist.seen_at THEN coalesce(excluded.band_id, artist.band_id)
                               ELSE coalesce(artist.band_id, excluded.band_id) END,
                location = CASE WHEN excluded.seen_at >= artist.seen_at THEN coalesce(excluded.location, artist.location)
                                ELSE coalesce(artist.location, excluded.location) END,
                seen_at = greatest(artist.seen_at, excluded.seen_at), updated_at = now()""";
    private static final String UPSERT_LABEL = """
            INSERT INTO label (label_id, url, band_id, name, location, seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (label_id) DO UPDATE SET
                name = CASE WHEN excluded.seen_at >= label.seen_at THEN excluded.name ELSE label.name END,
                band_id = CASE WHEN excluded.seen_at >= label.seen_at THEN coalesce(excluded.band_id, label.band_id)
                               ELSE coalesce(label.band_id, excluded.band_id) END,
                location = CASE WHEN excluded.seen_at >= label.seen_at THEN coalesce(excluded.location, label.location)
                                ELSE coalesce(label.location, excluded.location) END,
                seen_at = greatest(label.seen_at, excluded.seen_at), updated_at = now()""";
    private static final String UPSERT_RELEASE = """
            INSERT INTO release (release_id, url, status, kind, title, item_id, artist_id, label_id, genre, location,
                                 country_code, release_date, track_count, album_url, album_title, source, http_status,
                                 problem, first_seen_at, fetched_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (url) DO UPDATE SET status = excluded.status, kind = excluded.kind, title = excluded.title,
                item_id = excluded.item_id, artist_id = excluded.artist_id, label_id = excluded.label_id,
                genre = excluded.genre, location = excluded.location, country_code = excluded.country_code,
                release_date = excluded.release_date, track_count = excluded.track_count,
                album_url = excluded.album_url, album_title = excluded.album_title, source = excluded.source,
                http_status = excluded.http_status, problem = excluded.problem,
                first_seen_at = least(release.first_seen_at, excluded.first_seen_at),
                fetched_at = excluded.fetched_at, updated_at = now()
            WHERE release.fetched_at IS NULL
               OR (excluded.fetched_at IS NOT NULL AND excluded.fetched_at >= release.fetched_at)""";
    private static final String UPSERT_TAG = """
            INSERT INTO tag (name, class) VALUES (?, ?)
            ON CONFLICT (name) DO UPDATE SET class = 'genre' WHERE excluded.class = 'genre'""";
    private static final String DELETE_TAGS = "DELETE FROM release_tag WHERE release_id = ?";
    private static final String INSERT_TAG = """
            INSERT INTO release_tag (release_id, tag, role, position) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private static final String UPSERT_ARTIST_NAME = """
            INSERT INTO artist_name (artist_id, name, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (artist_id, name) DO UPDATE SET first_seen_at = least(artist_name.first_seen_at, excluded.first_seen_at),
                last_seen_at = greatest(artist_name.last_seen_at, excluded.last_seen_at)""";
    /** The release's ids its sales carry: null while it is not known. */
    private static final String ATTRIBUTION = """
            SELECT CASE WHEN status = 'known' THEN release_id END AS release_id,
                   CASE WHEN status = 'known' THEN artist_id END AS artist_id,
                   CASE WHEN status = 'known' THEN label_id END AS label_id
            FROM release WHERE url = ?""";
    /**
     * The release's sales, in every month, follow its current attribution. They are found by the artist names they
     * were sold under, from the first time under each ({@code release_sale_span}, written with the sales), through
     * the index by artist and time: a release read just after its first sales reads minutes of its artist's sales.
     */
    static final String ATTRIBUTE_SALES = """
            UPDATE sale SET release_id = r.release_id, artist_id = r.artist_id, label_id = r.label_id
            FROM (%s) AS r, release_sale_span AS span
            WHERE span.release_url = ? AND sale.artist = span.artist AND sale.sold_at >= span.first_sold_at
              AND sale.release_url = span.release_url
              AND (sale.release_id, sale.artist_id, sale.label_id) IS DISTINCT FROM (r.release_id, r.artist_id, r.label_id)"""
            .formatted(ATTRIBUTION);

    /** Writes the releases in order; any failure is thrown and leaves the transaction to be rolled back. */
    public void write(Connection connection, List<Release> releases) throws SQLException {
        if (releases.isEmpty()) {
            return;
        }
        AttributionLock.holdExclusive(connection);
        try (PreparedStatement artist = connection.prepareStatement(UPSERT_ARTIST);
             PreparedStatement artistName = connection.prepareStatement(UPSERT_ARTIST_NAME);
             PreparedStatement label = connection.prepareStatement(UPSERT_LABEL);
             PreparedStatement release = connection.prepareStatement(UPSERT_RELEASE);
             PreparedStatement tag = connection.prepareStatement(UPSERT_TAG);
             PreparedStatement deleteTags = connection.prepareStatement(DELETE_TAGS);
             PreparedStatement insertTag = connection.prepareStatement(INSERT_TAG);
             PreparedStatement readAttribution = connection.prepareStatement(ATTRIBUTION);
             PreparedStatement attributeSales = connection.prepareStatement(ATTRIBUTE_SALES)) {
            for (Release record : releases) {
                List<String> before = attribution(readAttribution, record.getUrl());
                // Most reads of a release change none of its ids: its sales are then left unread.
                if (write(record, artist, artistName, label, release, tag, deleteTags, insertTag)
                        && !attribution(readAttribution, record.getUrl()).equals(before)) {
                    attributeSales.setString(1, record.getUrl());
                    attributeSales.setString(2, record.getUrl());
                    attributeSales.executeUpdate();
                }
            }
        }
    }

    /** The ids the release's sales carry now: three nulls while it is not known or has no row. */
    private static List<String> attribution(PreparedStatement readAttribution, String url) throws SQLException {
        readAttribution.setString(1, url);
        try (ResultSet row = readAttribution.executeQuery()) {
            return row.next() ? Arrays.asList(row.getString(1), row.getString(2), row.getString(3))
                    : Arrays.asList(null, null, null);
        }
    }

    /** Whether the release's row changed. */
    private static boolean write(Release record, PreparedStatement artist, PreparedStatement artistName,
                                 PreparedStatement label, PreparedStatement release, PreparedStatement tag,
                                 PreparedStatement deleteTags, PreparedStatement insertTag) throws SQLException {
        // When the page was read, not when the loader wrote it: a replay gives the same times.
        OffsetDateTime seen = timestamp(Optional.ofNullable(record.getFetchedAt()).or(() ->
                Optional.ofNullable(record.getFirstSeenAt())).orElseGet(Instant::now));
        ReleaseArtist by = record.getArtist();
        if (by != null) {
            artist.setString(1, by.getId());
            artist.setString(2, by.getUrl());
            artist.setObject(3, by.getBandId(), Types.BIGINT);
            artist.setString(4, by.getName());
            artist.setString(5, by.getLocation());
            artist.setObject(6, seen, Types.TIMESTAMP_WITH_TIMEZONE);
            artist.executeUpdate();
            artistName.setString(1, by.getId());
            artistName.setString(2, by.getName());
            artistName.setObject(3, seen, Types.TIMESTAMP_WITH_TIMEZONE);
            artistName.setObject(4, seen, Types.TIMESTAMP_WITH_TIMEZONE);
            artistName.executeUpdate();
        }
        ReleaseLabel on = record.getLabel();
        if (on != null) {
            label.setString(1, on.getId());
            label.setString(2, on.getUrl());
            label.setObject(3, on.getBandId(), Types.BIGINT);
            label.setString(4, on.getName());
            label.setString(5, on.getLocation());
            label.setObject(6, seen, Types.TIMESTAMP_WITH_TIMEZONE);
            label.executeUpdate();
        }
        int i = 1;
        release.setString(i++, record.getId());
        release.setString(i++, record.getUrl());
        release.setString(i++, record.getStatus());
        release.setString(i++, record.getKind());
        release.setString(i++, record.getTitle());
        release.setObject(i++, record.getItemId(), Types.BIGINT);
        release.setString(i++, by == null ? null : by.getId());
        release.setString(i++, on == null ? null : on.getId());
        release.setString(i++, record.getGenre());
        release.setString(i++, record.getLocation());
        release.setString(i++, record.getCountryCode());
        release.setObject(i++, record.getReleaseDate() == null ? null : Date.valueOf(record.getReleaseDate()), Types.DATE);
        release.setObject(i++, record.getTrackCount(), Types.INTEGER);
        release.setString(i++, record.getAlbumUrl());
        release.setString(i++, record.getAlbumTitle());
        release.setString(i++, record.getSource());
        release.setObject(i++, record.getHttpStatus(), Types.INTEGER);
        release.setString(i++, record.getProblem());
        release.setObject(i++, timestamp(record.getFirstSeenAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        release.setObject(i, timestamp(record.getFetchedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        if (release.executeUpdate() == 0) {
            return false; // an older state than the row's (a late pending record, an older fetch): the row stays as it is
        }

        deleteTags.setString(1, record.getId());
        deleteTags.executeUpdate();
        int position = 0;
        if (record.getGenre() != null) {
            tag(tag, insertTag, record.getId(), record.getGenre(), "genre", position++);
        }
        for (String descriptive : record.getTags()) {
            tag(tag, insertTag, record.getId(), descriptive, "descriptive", position++);
        }
        if (record.getLocation() != null) {
            // The place as a tag: its first part, in lower case ("Hamburg, Germany" is the tag "hamburg").
            String place = record.getLocation().split(",")[0].strip().toLowerCase(Locale.ROOT);
            if (!place.isEmpty()) {
                tag(tag, insertTag, record.getId(), place, "location", position);
            }
        }
        return true;
    }

    private static void tag(PreparedStatement tag, PreparedStatement insertTag, String releaseId, String name,
                            String tagClass, int position) throws SQLException {
        tag.setString(1, name);
        tag.setString(2, tagClass);
        tag.executeUpdate();
        insertTag.setString(1, releaseId);
        insertTag.setString(2, name);
        insertTag.setString(3, tagClass);
        insertTag.setInt(4, position);
        insertTag.executeUpdate();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
