package io.tracktion.api.db;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Runs the API's SELECT queries on the pooled data source, one connection per query. */
@Singleton
public class Jdbc {

    /** Turns the current row of a result set into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** SQLSTATE of a statement cancelled, here by statement_timeout (API_STATEMENT_TIMEOUT). */
    private static final String QUERY_CANCELED = "57014";

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every row of a query, mapped.
     *
     * @throws DatabaseUnavailableException when PostgreSQL cannot be reached or table sale is missing
     */
    public <T> List<T> query(String sql, List<?> parameters, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, toJdbc(parameters.get(i)));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw new QueryTooSlowException(e);
            }
            if (isUnavailable(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    /** A timestamptz column as an Instant (PostgreSQL keeps microseconds), or null. */
    @Nullable
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** A bigint column as a Long, or null (ResultSet.getLong answers 0 for NULL). */
    @Nullable
    public static Long longOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** JDBC 4.2 maps OffsetDateTime to timestamptz; Instant has no standard mapping. */
    private static Object toJdbc(Object value) {
        return value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
    }

    /**
     * Hikari's timeout waiting for a connection, SQLSTATE class 08 (connection exception), 57P (the
     * server shutting down or not yet accepting connections) and 42P01 (table sale not created yet:
     * the loader migrates at its start, concurrently with ours) mean "try again later", not a bug.
     */
    private static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state.startsWith("08") || state.startsWith("57P") || state.equals("42P01");
    }
}
