package io.tracktion.loader.sales;

import io.tracktion.loader.testing.Loader;
import io.tracktion.loader.testing.SalesProducer;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sales per second from Kafka into PostgreSQL through the whole loader (poll, decode through the registry, COPY,
 * offsets in the same transaction), beside a raw {@code COPY} of as many rows in the same run: the physical limit.
 * The sales are on topic {@code tracktion.sales} before the loader starts, as in a catch-up or a replay; the rate is
 * taken from the first batch stored (rows and offsets, one transaction) to the last. Not a test: run it by hand from loader-service,
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.tracktion.loader.sales.LoaderBenchmark [sales [consumers]]
 * </pre>
 */
public final class LoaderBenchmark {

    private static final int TRANSACTION = 5_000;

    private LoaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sales = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        KafkaCluster kafka = new KafkaCluster();
        Postgres postgres = new Postgres();
        kafka.start();
        postgres.start();
        try (SalesProducer producer = new SalesProducer(kafka)) {
            List<List<Sale>> batches = SaleWriterBenchmark.batches("bench", sales, TRANSACTION);
            long published = System.nanoTime();
            Map<Integer, Long> ends = new HashMap<>();
            for (List<Sale> batch : batches) {
                for (RecordMetadata sent : producer.commit(SalesProducer.records(batch))) {
                    ends.merge(sent.partition(), sent.offset() + 1, Math::max);
                }
            }
            System.out.printf(Locale.ROOT, "published %,d sales in %.1f s%n", sales, (System.nanoTime() - published) / 1e9);

            String database = postgres.newMigratedDatabase();
            DataSource db = postgres.dataSource(database);
            long started = System.nanoTime();
            try (Loader loader = Loader.start(kafka, postgres, database, SchemaRegistry.url(),
                    Map.of("loader.sales-consumers", consumers));
                 Connection watch = db.getConnection();
                 PreparedStatement offsets = watch.prepareStatement(STORED_OFFSETS)) {
                // The loader stores its offsets in the transaction that writes their rows: reading them (three
                // rows) watches the load without taking a core from it, as counting the table every 20 ms did.
                // On one connection: a new one each time is a new server process, forked 50 times a second.
                long end = sum(ends);
                long first = 0;
                long half = 0;
                long storedAtHalf = 0;
                Map<Integer, Long> stored = Map.of();
                while (!stored.equals(ends)) {
                    Thread.sleep(20);
                    stored = storedOffsets(offsets);
                    if (first == 0 && !stored.isEmpty()) {
                        first = System.nanoTime();
                    }
                    if (half == 0 && sum(stored) >= end / 2) {
                        half = System.nanoTime();
                        storedAtHalf = sum(stored);
                    }
                }
                long last = System.nanoTime();
                long rows = count(db);
                if (rows != sales) {
                    throw new IllegalStateException("The loader stored its last offsets with " + rows
                            + " rows in table sale, not " + sales);
                }
                System.out.printf(Locale.ROOT, "loader    %,9d sales in %6.2f s from the first batch = %,9.0f sales/s "
                                + "(%.1f s from its start), %d consumer%s%n", sales, (last - first) / 1e9,
                        sales / ((last - first) / 1e9), (last - started) / 1e9, consumers, consumers == 1 ? "" : "s");
                // Offsets count the transaction markers too, one per partition and producer transaction of
                // 5,000 sales: the share of the sales after half-way is taken from them, within 0.1 %.
                double secondHalf = sales * (double) (end - storedAtHalf) / end;
                System.out.printf(Locale.ROOT, "  second half (sustained, JIT warm): %,9.0f sales in %6.2f s = %,9.0f sales/s%n",
                        secondHalf, (last - half) / 1e9, secondHalf / ((last - half) / 1e9));
            }
            SaleWriterBenchmark.rawCopy(db, SaleWriterBenchmark.batches("raw", sales, TRANSACTION));
            if (consumers > 1) {
                SaleWriterBenchmark.rawCopy(db, SaleWriterBenchmark.batches("raw", sales, TRANSACTION), consumers);
            }
        } finally {
            postgres.stop();
            kafka.stop();
        }
    }

    private static final String STORED_OFFSETS = "SELECT partition, next_offset FROM consumer_offset WHERE consumer = '"
            + SalesListener.GROUP_ID + "' AND topic = '" + Topics.SALES_NAME + "'";

    private static Map<Integer, Long> storedOffsets(PreparedStatement offsets) throws Exception {
        Map<Integer, Long> stored = new HashMap<>();
        try (ResultSet r = offsets.executeQuery()) {
            while (r.next()) {
                stored.put(r.getInt(1), r.getLong(2));
            }
        }
        return stored;
    }

    private static long sum(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long count(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sale")) {
            r.next();
            return r.getLong(1);
        }
    }
}
