package io.tracktion.loader.sales;

import io.tracktion.loader.testing.Sales;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.schemas.Sale;
import io.tracktion.testsupport.Postgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rows per second of {@link SaleWriter} into an embedded PostgreSQL 17 (fsync and synchronous_commit
 * off, as in the tests), in batches the size of one poll. Not a test: run it by hand from loader-service,
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.tracktion.loader.sales.SaleWriterBenchmark [rows [batch size]]
 * </pre>
 *
 * It prints the rate of new rows and of replayed rows (every saleId already present).
 */
public final class SaleWriterBenchmark {

    private SaleWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Postgres postgres = new Postgres();
        postgres.start();
        try {
            String database = postgres.newMigratedDatabase();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(postgres.jdbcUrl(database));
            dataSource.setUser(Postgres.USER);
            dataSource.setPassword(Postgres.PASSWORD);
            SaleWriter writer = new SaleWriter();

            run("warm-up", dataSource, writer, batches("warm", 20_000, batchSize));
            List<List<Sale>> batches = batches("bench", rows, batchSize);
            run("new rows", dataSource, writer, batches);
            run("replayed rows", dataSource, writer, batches);
            rawCopy(dataSource, batches("raw", rows, batchSize));
        } finally {
            postgres.stop();
        }
    }

    private static void run(String what, DataSource dataSource, SaleWriter writer, List<List<Sale>> batches)
            throws Exception {
        int rows = batches.stream().mapToInt(List::size).sum();
        long start = System.nanoTime();
        int inserted = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (List<Sale> batch : batches) {
                WriteResult written = writer.write(c, batch);
                c.commit();
                writer.committed(written);
                inserted += written.inserted();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-14s %,9d rows (%,d inserted) in %6.2f s = %,9.0f rows/s, batches of %d%n",
                what, rows, inserted, seconds, rows / seconds, batches.get(0).size());
    }

    /** The physical limit here: the same rows copied into a table with sale's columns and nothing else. */
    static void rawCopy(DataSource dataSource, List<List<Sale>> batches) throws Exception {
        rawCopy(dataSource, batches, 1);
    }

    /**
     * The same on {@code connections} connections at once, each copying every {@code connections}-th batch in its
     * own transactions: the limit for a loader with as many consumers.
     */
    static void rawCopy(DataSource dataSource, List<List<Sale>> batches, int connections) throws Exception {
        String table = "sale_copy_" + connections;
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (LIKE sale INCLUDING DEFAULTS)");
        }
        copyOnConnections("raw COPY", dataSource, table, batches, connections);
    }

    /**
     * The same rows copied straight into table sale of an empty database, with its partitions, primary key and
     * index by artist: the limit of loading them into this schema, which a loader cannot beat whatever it does
     * around the copy.
     */
    static void rawCopyIntoSale(DataSource emptyDatabase, List<List<Sale>> batches, int connections)
            throws Exception {
        try (var c = emptyDatabase.getConnection();
             var ensure = c.prepareStatement("SELECT sale_month_partition(?::timestamptz)")) {
            for (Instant month : batches.stream().flatMap(List::stream)
                    .map(sale -> SaleInsert.monthStart(sale.getSoldAt())).distinct().toList()) {
                ensure.setString(1, month.toString());
                ensure.execute();
            }
        }
        copyOnConnections("COPY to sale", emptyDatabase, "sale", batches, connections);
    }

    private static void copyOnConnections(String what, DataSource dataSource, String table, List<List<Sale>> batches,
                                          int connections) throws Exception {
        int rows = batches.stream().mapToInt(List::size).sum();
        ExecutorService copiers = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int first = 0; first < connections; first++) {
                int from = first;
                done.add(copiers.submit(() -> {
                    // One connection per copier, as the loader's consumers have: a new one is a new server process.
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        for (int i = from; i < batches.size(); i += connections) {
                            copy(c, table, batches.get(i));
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> copier : done) {
                copier.get();
            }
        } finally {
            copiers.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-14s %,9d rows in %6.2f s = %,9.0f rows/s, batches of %d, %d connection%s%n",
                what, rows, seconds, rows / seconds, batches.get(0).size(), connections,
                connections == 1 ? "" : "s");
    }

    private static void copy(Connection c, String table, List<Sale> batch) throws SQLException {
        BinaryCopy rows = new BinaryCopy().header();
        batch.forEach(sale -> SaleInsert.appendBinary(rows,
                new SaleInsert.Row(sale, ReleaseUrls.release(sale.getUrl()).orElse(null), null)));
        rows.trailer();
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + SaleInsert.COLUMNS
                            + ") FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(rows.buffer(), 0, rows.length()), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<Sale>> batches(String prefix, int rows, int batchSize) {
        List<Sale> sales = spread(prefix, rows);
        List<List<Sale>> batches = new ArrayList<>();
        for (int i = 0; i < rows; i += batchSize) {
            batches.add(sales.subList(i, Math.min(rows, i + batchSize)));
        }
        return batches;
    }

    /**
     * Sales as the feed spreads them, since the fact table's indexes cost by where each row lands: 3,000 artists of
     * steeply falling popularity with seven releases each, 25 buyer countries, one sale every 90 ms (20 hours for
     * 800,000). The same sale, artist and page for every row would only ever append to each index.
     */
    private static List<Sale> spread(String prefix, int rows) {
        Random random = new Random(prefix.hashCode());
        Instant start = Instant.parse("2025-06-15T00:00:00Z");
        List<Sale> sales = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int artist = (int) (ARTISTS * Math.pow(random.nextDouble(), 3));
            String site = "https://artist-" + artist + ".bandcamp.com";
            String country = COUNTRIES[(int) (COUNTRIES.length * Math.pow(random.nextDouble(), 2))];
            Instant soldAt = start.plusMillis(90L * i).plusNanos(random.nextInt(1_000) * 1_000L);
            sales.add(Sales.builder(prefix + "-" + i)
                    .setSoldAt(soldAt).setCartSoldAt(soldAt)
                    .setArtist("Artist " + artist + (artist % 5 == 0 ? " · 東京" : ""))
                    .setArtistUrl(site)
                    .setUrl(site + "/album/release-" + random.nextInt(7))
                    .setCountryCode(country).setCountry("Country " + country)
                    .build());
        }
        return sales;
    }

    private static final int ARTISTS = 3_000;
    private static final String[] COUNTRIES = {"US", "GB", "DE", "JP", "FR", "CA", "AU", "NL", "SE", "IT", "ES", "BR",
            "MX", "PL", "BE", "CH", "AT", "DK", "NO", "FI", "IE", "NZ", "PT", "CZ", "KR"};
}
