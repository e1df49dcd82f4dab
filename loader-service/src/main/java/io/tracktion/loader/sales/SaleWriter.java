package io.tracktion.loader.sales;

import io.tracktion.loader.batch.AttributionLock;
import io.tracktion.loader.sales.WriteResult.Rejection;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.schemas.Sale;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes sales to table {@code sale}, in the caller's transaction, idempotent on (sold_at, sale_id).
 *
 * <p>Each sale is linked to its release, artist and label where its release is known, looked up for the batch in one
 * query. A batch is first copied ({@code COPY ... FROM STDIN}, binary) straight into the fact table: the common case,
 * new sales, costs one copy. If the table refuses it (a sale already stored: a redelivery or a replay, which is normal,
 * not an error; or a row's values), the batch goes the longer way: copied into a temporary staging table with the
 * fact table's columns and constraints, then moved by one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}. When
 * that copy is refused for a row's values, the rows are staged again one at a time behind savepoints to find that
 * row and keep the others. After a batch that held sales already stored, the next ones go the longer way at once,
 * until one holds none: a replay does not pay for a refused copy per batch.
 */
public final class SaleWriter {

    /** The staging table lives as long as the connection; its rows as long as the transaction. */
    private static final String CREATE_STAGING = """
            CREATE TEMPORARY TABLE IF NOT EXISTS sale_staging
            (LIKE sale INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DELETE ROWS""";
    private static final String COPY_INTO_SALE = "COPY sale (" + SaleInsert.COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final String COPY = "COPY sale_staging (" + SaleInsert.COLUMNS + ") FROM STDIN (FORMAT binary)";
    /** The known releases among a batch's. */
    private static final String KNOWN_RELEASES = """
            SELECT url, release_id, artist_id, label_id FROM release WHERE url = ANY (?) AND status = 'known'""";
    /** Sales per piece of the copy. */
    private static final int COPY_SLICE = 250;
    private static final String MOVE = """
            INSERT INTO sale (%1$s) SELECT %1$s FROM sale_staging
            ON CONFLICT (sold_at, sale_id) DO NOTHING""".formatted(SaleInsert.COLUMNS);
    /** Spans remembered at most (some 25 MB); past it the memory starts again, and the table answers meanwhile. */
    private static final int REMEMBERED_SPANS = 100_000;
    /** The codes and names of {@link #addCountries}, as two arrays of the same length. */
    private static final String COUNTRIES = """
            INSERT INTO country (code, name) SELECT * FROM unnest(?::text[], ?::text[])
            ON CONFLICT (code) DO NOTHING""";

    /**
     * Each release page's artist names and the first time it sold under each, lowered where the batch has an earlier
     * sale. Rows already right are not touched (no row lock, no write); the rest are written in key order, whatever
     * the plan, so that two consumers meeting the same new pairs take their locks in the same order.
     */
    private static final String RELEASE_SPANS = """
            INSERT INTO release_sale_span (release_url, artist, first_sold_at)
            SELECT b.release_url, b.artist, b.first_sold_at
            FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS b (release_url, artist, first_sold_at)
            WHERE NOT EXISTS (SELECT 1 FROM release_sale_span s
                              WHERE s.release_url = b.release_url AND s.artist = b.artist
                                AND s.first_sold_at <= b.first_sold_at)
            ORDER BY b.release_url, b.artist
            ON CONFLICT (release_url, artist) DO UPDATE SET first_sold_at = excluded.first_sold_at
            WHERE excluded.first_sold_at < release_sale_span.first_sold_at""";

    /**
     * Whether the last batch held sales already stored: a replay (offsets reset, a restored database) goes on
     * through the staging table, rather than paying a refused copy for every batch, until a batch has none.
     * Shared by the loader's consumers: it only picks the faster way, and either way writes the same rows.
     */
    private volatile boolean replaying;

    /**
     * The release spans this process has seen committed: the table holds each pair with a first sale no later than
     * this, since its rows are only ever lowered. A batch writes only the pairs it would lower, rather than have
     * PostgreSQL look each one up (an eighth of its statement time in a load, BENCHMARKS.md). Filled by
     * {@link #committed} after the caller's commit, never before: a batch rolled back writes its spans again when it
     * is retried. A database taken back to an earlier state (a restore, a failover) loses rows this still holds: the
     * listener makes the writer forget them when a batch fails and when partitions are assigned, and a restore wants
     * the loader restarted anyway (its consumers are past the offsets the database went back to).
     */
    private final Map<ReleaseArtist, Instant> committedSpans = new ConcurrentHashMap<>();

    /**
     * Writes the sales. Rows the table refuses come back as {@link Rejection}s; any other failure is thrown and
     * leaves the transaction to be rolled back, so the caller retries the whole batch.
     */
    public WriteResult write(Connection connection, List<Sale> sales) throws SQLException {
        if (sales.isEmpty()) {
            return new WriteResult(0, 0, List.of());
        }
        AttributionLock.holdShared(connection);
        ensurePartitions(connection, sales);
        List<String> releaseUrls = sales.stream().map(sale -> ReleaseUrls.release(sale.getUrl()).orElse(null)).toList();
        Map<String, SaleInsert.Attribution> known = knownReleases(connection, releaseUrls);
        List<SaleInsert.Row> rows = new ArrayList<>(sales.size());
        for (int i = 0; i < sales.size(); i++) {
            rows.add(new SaleInsert.Row(sales.get(i), releaseUrls.get(i), known.get(releaseUrls.get(i))));
        }
        WriteResult written = replaying ? null : copyStraightIntoSale(connection, rows);
        if (written == null) {
            written = writeThroughStaging(connection, rows);
            replaying = written.alreadyPresent() > 0;
        }
        List<SaleInsert.Row> accepted = written.accepted(rows);
        addCountries(connection, accepted);
        return written.withReleaseSpans(addReleaseSpans(connection, accepted));
    }

    /**
     * Tells the writer that the transaction of {@code written} committed, so that later batches skip its release
     * spans while they are no earlier. Not called for a batch rolled back.
     */
    public void committed(WriteResult written) {
        written.releaseSpans().forEach((span, first) -> {
            Instant kept = committedSpans.get(span);
            if (kept == null || first.isBefore(kept)) { // most are remembered already: a read, not a locked write
                committedSpans.merge(span, first, SaleWriter::earlier);
            }
        });
        if (committedSpans.size() > REMEMBERED_SPANS) {
            committedSpans.clear();
        }
    }

    /**
     * Forgets every span remembered, so that the next batches write theirs whatever the table holds: when a batch
     * failed (the database may have gone back to an earlier state) or partitions were assigned (the consumer then
     * seeks to the offsets the database holds, which a restore may have taken back, and writes those sales again).
     */
    public void forgetCommittedSpans() {
        committedSpans.clear();
    }

    /** The batch copied into the fact table as new sales; null, and nothing written, if the table refuses it. */
    private static WriteResult copyStraightIntoSale(Connection connection, List<SaleInsert.Row> rows)
            throws SQLException {
        Savepoint beforeCopy = connection.setSavepoint();
        try {
            copy(connection, COPY_INTO_SALE, rows);
            connection.releaseSavepoint(beforeCopy);
            return new WriteResult(rows.size(), 0, List.of());
        } catch (SQLException e) {
            if (!RowFaults.isRowFault(e)) {
                throw e;
            }
            // A sale already stored, or a row's values: undone, for the staging table to sort out.
            connection.rollback(beforeCopy);
            connection.releaseSavepoint(beforeCopy);
            return null;
        }
    }

    /** The batch through the staging table, where a sale already stored is skipped and a refused row found. */
    private static WriteResult writeThroughStaging(Connection connection, List<SaleInsert.Row> rows)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_STAGING);
        }
        Savepoint beforeStaging = connection.setSavepoint();
        try {
            copy(connection, COPY, rows);
            int inserted = move(connection);
            connection.releaseSavepoint(beforeStaging);
            return new WriteResult(inserted, rows.size() - inserted, List.of());
        } catch (SQLException e) {
            if (!RowFaults.isRowFault(e)) {
                throw e;
            }
            // Refused by the staging table's constraints or by the fact table's indexes: find the rows.
            connection.rollback(beforeStaging);
            connection.releaseSavepoint(beforeStaging);
            return writeOneByOne(connection, rows);
        }
    }

    /** The release, artist and label ids of the known releases among {@code releaseUrls}, by URL. */
    private static Map<String, SaleInsert.Attribution> knownReleases(Connection connection, List<String> releaseUrls)
            throws SQLException {
        Map<String, SaleInsert.Attribution> known = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(KNOWN_RELEASES)) {
            select.setArray(1, connection.createArrayOf("text",
                    releaseUrls.stream().filter(Objects::nonNull).distinct().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    known.put(rows.getString(1), new SaleInsert.Attribution(rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
        }
        return known;
    }

    /** From the staging table into the fact table, which leaves the staging table empty; the rows new. */
    private static int move(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int inserted = statement.executeUpdate(MOVE);
            statement.executeUpdate("DELETE FROM sale_staging");
            return inserted;
        }
    }

    /**
     * The buyer countries of the written sales into table country where new: each upper-case ISO code once, with
     * the name of the latest sale that gives it. Picked here rather than by SQL over the staging table, which sorted
     * a whole batch to find a few dozen countries.
     */
    private static void addCountries(Connection connection, List<SaleInsert.Row> rows) throws SQLException {
        Map<String, Sale> latestAsGiven = new HashMap<>(); // a few dozen codes: upper-cased once each, below
        for (SaleInsert.Row row : rows) {
            Sale sale = row.sale();
            String code = sale.getCountryCode();
            if (code != null && code.length() == 2 && isAsciiLetter(code.charAt(0)) && isAsciiLetter(code.charAt(1))) {
                latestAsGiven.merge(code, sale, SaleWriter::later);
            }
        }
        Map<String, Sale> latest = new TreeMap<>();
        latestAsGiven.forEach((code, sale) -> latest.merge(code.toUpperCase(Locale.ROOT), sale, SaleWriter::later));
        if (latest.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(COUNTRIES)) {
            insert.setArray(1, connection.createArrayOf("text", latest.keySet().toArray()));
            insert.setArray(2, connection.createArrayOf("text",
                    latest.values().stream().map(Sale::getCountry).toArray()));
            insert.executeUpdate();
        }
    }

    /**
     * Where the written sales' releases sold ({@code release_sale_span}), for the release writer to find their sales by
     * artist and time when the release's attribution changes: table sale has no index by release page, which cost
     * more than the rest of a sale's write. Returns each pair's first sale in the batch, for {@link #committed}.
     */
    private Map<ReleaseArtist, Instant> addReleaseSpans(Connection connection, List<SaleInsert.Row> rows)
            throws SQLException {
        Map<ReleaseArtist, Instant> first = new HashMap<>();
        for (SaleInsert.Row row : rows) {
            if (row.releaseUrl() != null) {
                first.merge(new ReleaseArtist(row.releaseUrl(), row.sale().getArtist()), row.sale().getSoldAt(),
                        SaleWriter::earlier);
            }
        }
        List<Map.Entry<ReleaseArtist, Instant>> spans = first.entrySet().stream()
                .filter(span -> {
                    Instant stored = committedSpans.get(span.getKey());
                    return stored == null || span.getValue().isBefore(stored);
                })
                .toList();
        if (spans.isEmpty()) {
            return first;
        }
        try (PreparedStatement insert = connection.prepareStatement(RELEASE_SPANS)) {
            insert.setArray(1, connection.createArrayOf("text",
                    spans.stream().map(span -> span.getKey().releaseUrl()).toArray()));
            insert.setArray(2, connection.createArrayOf("text",
                    spans.stream().map(span -> span.getKey().artist()).toArray()));
            insert.setArray(3, connection.createArrayOf("timestamptz",
                    spans.stream().map(span -> span.getValue().toString()).toArray()));
            insert.executeUpdate();
        }
        return first;
    }

    /** A release page and an artist name its sales carry: the key of a row of {@code release_sale_span}. */
    public record ReleaseArtist(String releaseUrl, String artist) {
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Sale later(Sale kept, Sale other) {
        return other.getSoldAt().isAfter(kept.getSoldAt()) ? other : kept;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The month partitions of the batch's sales, made where missing (in this transaction, so undone with it). */
    private static void ensurePartitions(Connection connection, List<Sale> sales) throws SQLException {
        TreeSet<Instant> months = new TreeSet<>();
        Instant month = null;
        Instant nextMonth = null;
        for (Sale sale : sales) {
            Instant soldAt = sale.getSoldAt();
            // A batch's sales are mostly of one month: its bounds are computed once, not per sale.
            if (month == null || soldAt.isBefore(month) || !soldAt.isBefore(nextMonth)) {
                month = SaleInsert.monthStart(soldAt);
                nextMonth = month.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
                months.add(month);
            }
        }
        try (PreparedStatement ensure = connection.prepareStatement(
                "SELECT sale_month_partition(m) FROM unnest(?::timestamptz[]) AS m")) {
            Array array = connection.createArrayOf("timestamptz", months.stream().map(Instant::toString).toArray());
            ensure.setArray(1, array);
            ensure.execute();
        }
    }

    /**
     * The sales as binary rows into a table, sent a slice at a time: PostgreSQL reads one slice while the next is
     * written, instead of waiting for the whole batch.
     */
    private static void copy(Connection connection, String copySql, List<SaleInsert.Row> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            BinaryCopy slice = new BinaryCopy().header();
            for (int from = 0; from < rows.size(); from += COPY_SLICE) {
                for (SaleInsert.Row row : rows.subList(from, Math.min(rows.size(), from + COPY_SLICE))) {
                    SaleInsert.appendBinary(slice, row);
                }
                if (from + COPY_SLICE >= rows.size()) {
                    slice.trailer();
                }
                copy.writeToCopy(slice.buffer(), 0, slice.length());
                slice.clear();
            }
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy(); // so that the connection can roll back
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    private static WriteResult writeOneByOne(Connection connection, List<SaleInsert.Row> rows) throws SQLException {
        int inserted = 0;
        List<Rejection> rejected = new ArrayList<>();
        try (PreparedStatement stage = connection.prepareStatement(SaleInsert.STAGE_SQL)) {
            for (int i = 0; i < rows.size(); i++) {
                // A failed statement aborts the transaction; rolling back to the savepoint undoes only that row.
                Savepoint beforeRow = connection.setSavepoint();
                try {
                    SaleInsert.bind(stage, rows.get(i));
                    stage.executeUpdate();
                    inserted += move(connection);
                    connection.releaseSavepoint(beforeRow);
                } catch (SQLException e) {
                    if (!RowFaults.isRowFault(e)) {
                        throw e;
                    }
                    connection.rollback(beforeRow);
                    rejected.add(new Rejection(i, e));
                }
            }
        }
        return new WriteResult(inserted, rows.size() - inserted - rejected.size(), rejected);
    }
}
