package io.tracktion.loader.sales;

import java.sql.SQLException;

/**
 * Tells an error caused by one row's values from one of the database itself. Only the first kind may
 * send a record to the dead-letter topic; anything else (connection lost, database down, schema
 * missing) must fail the batch so that it is retried, never skipped.
 */
final class RowFaults {

    private RowFaults() {
    }

    static boolean isRowFault(SQLException error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof SQLException sql && isRowFaultState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRowFaultState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("22")        // data exception: numeric overflow, bad JSON, NUL in text, ...
                || sqlState.startsWith("23")    // integrity constraint: CHECK, NOT NULL
                || sqlState.equals("54000");    // a value too long for an index entry (e.g. a 10 kB artist name)
    }

    private static Throwable next(Throwable t) {
        // pgjdbc chains a batch's real cause as the "next exception", not only as the cause.
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t) {
            return sql.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
