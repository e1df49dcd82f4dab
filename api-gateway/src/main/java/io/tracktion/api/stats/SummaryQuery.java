package io.tracktion.api.stats;

import io.tracktion.api.db.Jdbc;
import io.tracktion.api.db.WhereClause;
import io.tracktion.api.params.Period;
import jakarta.inject.Singleton;

/** Totals over table sale in one pass. */
@Singleton
public class SummaryQuery {

    private final Jdbc jdbc;

    public SummaryQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Summary summarize(Period period) {
        WhereClause where = WhereClause.soldIn(period);
        String sql = """
                SELECT count(*)                          AS items,
                       count(DISTINCT event_id)          AS carts,
                       coalesce(sum(amount_paid_usd), 0) AS revenue_usd,
                       count(DISTINCT artist)            AS artists,
                       count(DISTINCT country_code)      AS countries
                FROM sale""" + where.sql();
        // An aggregate without GROUP BY always returns exactly one row.
        return jdbc.query(sql, where.parameters(), row -> new Summary(
                period.from(), period.to(),
                row.getLong("items"), row.getLong("carts"), row.getBigDecimal("revenue_usd"),
                row.getLong("artists"), row.getLong("countries"))).get(0);
    }
}
