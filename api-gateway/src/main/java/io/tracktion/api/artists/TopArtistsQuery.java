package io.tracktion.api.artists;

import io.tracktion.api.db.Jdbc;
import io.tracktion.api.db.WhereClause;
import io.tracktion.api.params.Period;
import jakarta.inject.Singleton;
import java.util.List;

/** The best-selling artists of a period, from table sale. */
@Singleton
public class TopArtistsQuery {

    private final Jdbc jdbc;

    public TopArtistsQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<TopArtist> top(Period period, Ranking ranking, int limit) {
        WhereClause where = WhereClause.soldIn(period);
        // An artist's sales may name different pages (or none); max() picks one deterministically.
        String sql = "SELECT artist, max(artist_url) AS artist_url,"
                + " sum(amount_paid_usd) AS revenue_usd, count(*) AS units"
                + " FROM sale" + where.sql()
                + " GROUP BY artist"
                + " ORDER BY " + ranking.orderBy
                + " LIMIT " + limit;
        return jdbc.query(sql, where.parameters(), row -> new TopArtist(
                row.getString("artist"), row.getString("artist_url"),
                row.getBigDecimal("revenue_usd"), row.getLong("units")));
    }
}
