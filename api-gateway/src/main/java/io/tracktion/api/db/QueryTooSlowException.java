package io.tracktion.api.db;

import java.sql.SQLException;

/** A query ran past the statement timeout (API_STATEMENT_TIMEOUT) and PostgreSQL cancelled it: a 503. */
public class QueryTooSlowException extends RuntimeException {

    public QueryTooSlowException(SQLException cause) {
        super("The query ran past the statement timeout: " + cause.getMessage(), cause);
    }
}
