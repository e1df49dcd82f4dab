package io.tracktion.loader.batch;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One database transaction on a connection of its own: committed if the work returns, rolled back if it throws. */
public final class Transactions {

    /** The work done in the transaction. */
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    public static void inTransaction(DataSource dataSource, Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed); // the connection is probably gone; the pool will drop it
                }
                throw e;
            }
        }
    }
}
