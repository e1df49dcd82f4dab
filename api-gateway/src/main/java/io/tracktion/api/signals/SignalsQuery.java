package io.tracktion.api.signals;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.db.Jdbc;
import io.tracktion.api.params.Cursor;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Signals from table signal, newest first, by keyset on (at, id): indexes signal_at_idx, _kind_at_, _entity_at_. */
@Singleton
public class SignalsQuery {

    private final Jdbc jdbc;

    public SignalsQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Every filter may be null; {@code after} is where the previous page ended. */
    public SignalsPage page(@Nullable String kind, @Nullable String dimension, @Nullable String entityId,
                            @Nullable Instant since, @Nullable Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, kind, dimension, entity_id, entity_name, at, observed, expected, probability, threshold,
                       "window" FROM signal WHERE true""");
        List<Object> parameters = new ArrayList<>();
        if (kind != null) {
            sql.append(" AND kind = ?");
            parameters.add(kind);
        }
        if (dimension != null) {
            sql.append(" AND dimension = ?");
            parameters.add(dimension);
        }
        if (entityId != null) {
            sql.append(" AND entity_id = ?");
            parameters.add(entityId);
        }
        if (since != null) {
            sql.append(" AND at >= ?");
            parameters.add(Timestamp.from(since));
        }
        if (after != null) {
            sql.append(" AND (at, id) < (?, ?)");
            parameters.add(Timestamp.from(after.at()));
            parameters.add(after.id());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        parameters.add(limit + 1); // one more tells whether there is a next page
        List<SignalView> rows = jdbc.query(sql.toString(), parameters, row -> new SignalView(row.getString("id"),
                row.getString("kind"), row.getString("dimension"), row.getString("entity_id"),
                row.getString("entity_name"), Jdbc.instant(row, "at"), row.getBigDecimal("observed"),
                row.getBigDecimal("expected"), (Double) row.getObject("probability"), row.getBigDecimal("threshold"),
                row.getString("window")));
        if (rows.size() <= limit) {
            return new SignalsPage(rows, null);
        }
        SignalView last = rows.get(limit - 1);
        return new SignalsPage(rows.subList(0, limit), new Cursor(last.at(), last.id()).encode());
    }
}
