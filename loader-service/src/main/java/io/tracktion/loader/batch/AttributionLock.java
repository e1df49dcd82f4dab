package io.tracktion.loader.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps a sale's link to its release right when the sale and its release are loaded at the same moment by two
 * consumers. A sale batch holds the lock shared, a release batch exclusive, each until its transaction ends: so
 * either the sales see the release committed (and link to it as they go in), or the release's update of its sales
 * sees them committed. Without it, each could miss the other and a sale would stay unattributed.
 */
public final class AttributionLock {

    /** An arbitrary key of PostgreSQL's advisory locks, the loader's own. */
    private static final long KEY = 0x7472_6163_6b00_0001L;

    private AttributionLock() {
    }

    public static void holdShared(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock_shared(" + KEY + ")");
        }
    }

    public static void holdExclusive(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + KEY + ")");
        }
    }
}
