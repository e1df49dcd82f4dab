package io.tracktion.api.db;

import io.tracktion.api.params.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the conditions of a query on table {@code sale} and their parameters, in order. Conditions
 * are SQL written in this code base; values from clients only ever travel as parameters.
 */
public final class WhereClause {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** A clause restricted to the sales of a period (none for an open bound). */
    public static WhereClause soldIn(Period period) {
        WhereClause where = new WhereClause();
        if (period.from() != null) {
            where.and("sold_at >= ?", period.from());
        }
        if (period.to() != null) {
            where.and("sold_at < ?", period.to());
        }
        return where;
    }

    public WhereClause and(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    /** {@code " WHERE a AND b"}, or the empty string when there is no condition. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public List<Object> parameters() {
        return List.copyOf(parameters);
    }
}
