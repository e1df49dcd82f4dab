package io.tracktion.loader.analytics;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tracktion.loader.batch.LoaderDatabase;
import io.tracktion.loader.batch.Transactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps minute rollups for the last days only ({@code LOADER_MINUTE_ROLLUP_RETENTION}, default 7 days, as long as
 * topic {@code tracktion.stats.minute} keeps them); hour and day rollups are kept. Deleted a dimension at a time,
 * so each delete walks the index on (dimension, window_start), and in one transaction with the cutoff in table
 * rollup_retention: the API sums minutes only from there on.
 */
@Singleton
public class MinuteRollupRetention {

    private static final Logger LOG = LoggerFactory.getLogger(MinuteRollupRetention.class);
    private static final List<String> DIMENSIONS = List.of("store", "artist", "release", "label", "genre", "tag",
            "country", "kind");
    private static final String RECORD_CUTOFF = """
            INSERT INTO rollup_retention (rollup, deleted_before) VALUES ('stats_minute', ?)
            ON CONFLICT (rollup) DO UPDATE
            SET deleted_before = greatest(rollup_retention.deleted_before, excluded.deleted_before)""";

    private final LoaderDatabase database;
    private final Duration retention;

    public MinuteRollupRetention(LoaderDatabase database,
                                 @Value("${loader.minute-rollup-retention}") Duration retention) {
        this.database = database;
        this.retention = retention;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void deleteOldMinutes() {
        try {
            LOG.info("Deleted {} minute rollups older than {}", deleteBefore(Instant.now().minus(retention)), retention);
        } catch (SQLException e) {
            LOG.warn("Cannot delete old minute rollups now (tried again in an hour): {}", e.toString());
        }
    }

    /** Deletes the minute windows that start before {@code before}; returns how many. */
    public int deleteBefore(Instant before) throws SQLException {
        int[] deleted = {0};
        Transactions.inTransaction(database.dataSource(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM stats_minute WHERE dimension = ? AND window_start < ?");
                 PreparedStatement cutoff = connection.prepareStatement(RECORD_CUTOFF)) {
                for (String dimension : DIMENSIONS) {
                    delete.setString(1, dimension);
                    delete.setObject(2, before.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    deleted[0] += delete.executeUpdate();
                }
                cutoff.setObject(1, before.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                cutoff.executeUpdate();
            }
        });
        return deleted[0];
    }
}
