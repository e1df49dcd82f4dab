package io.tracktion.loader.sales;

import io.tracktion.loader.batch.DatabaseOffsets;
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
import org.apache.kafka.common.TopicPartition;

/**
 * Sales per second from Kafka into PostgreSQL through the whole loader (poll, decode through the registry, COPY,
 * offsets in the same transaction), beside raw {@code COPY}s of as many rows in the same run: into a table with sale's
 * columns and nothing else (the physical limit), and straight into an empty table sale with its partitions and indexes
 * (the limit of this schema, whatever a loader does around the copy).
 * The sales are on topic {@code tracktion.sales} before the loader starts, as in a catch-up or a replay; the rate is
 * taken from the first batch stored (rows and offsets, one transaction) to the last. Not a test: run it by hand from loader-service,
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.tracktion.loader.sales.LoaderBenchmark [sales [consumers [warm-up sales]]]
 * </pre>
 */
public final class LoaderBenchmark {

    private static final int TRANSACTION = 5_000;

    private LoaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sales = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 400_000;
        KafkaCluster kafka = new KafkaCluster();
        Postgres postgres = new Postgres();
        kafka.start();
        postgres.start();
        try (SalesProducer producer = new SalesProducer(kafka)) {
            // The JIT compiles the loader's path over its first few hundred thousand sales, with a fifth of the
            // machine: a running loader has long paid for that, and the raw COPY below runs warm after it. So the
            // loader first loads warm-up sales into a database of their own, in this JVM, and is then started on
            // a fresh database that holds their offsets, from which it reads on.
            Map<Integer, Long> warm = publish(producer, "warm", warmUp, Map.of());
            if (warmUp > 0) {
                String warmDatabase = postgres.newMigratedDatabase();
                load(kafka, postgres, warmDatabase, consumers, Map.of(), warm);
                // Else autovacuum reads its freshly loaded table during the measured load.
                postgres.execute("postgres", "DROP DATABASE " + warmDatabase + " WITH (FORCE)");
            }
            Map<Integer, Long> ends = publish(producer, "bench", sales, warm);

            String database = postgres.newMigratedDatabase();
            DataSource db = postgres.dataSource(database);
            storeOffsets(db, warm);
            settle(postgres, database);
            Load load = load(kafka, postgres, database, consumers, warm, ends);
            long rows = count(db);
            if (rows != sales) {
                throw new IllegalStateException("The loader stored its last offsets with " + rows
                        + " rows in table sale, not " + sales);
            }
            System.out.printf(Locale.ROOT, "loader    %,9d sales in %6.2f s from the first batch = %,9.0f sales/s "
                            + "(%.1f s from its start), %d consumer%s, after %,d warm-up sales%n", sales,
                    load.seconds(), sales / load.seconds(), load.fromStart(), consumers, consumers == 1 ? "" : "s",
                    warmUp);
            double secondHalf = sales * load.secondHalfShare();
            System.out.printf(Locale.ROOT, "  second half (sustained):           %,9.0f sales in %6.2f s = %,9.0f sales/s%n",
                    secondHalf, load.secondHalfSeconds(), secondHalf / load.secondHalfSeconds());
            List<List<Sale>> raw = SaleWriterBenchmark.batches("raw", sales, TRANSACTION);
            settle(postgres, database);
            SaleWriterBenchmark.rawCopy(db, raw);
            if (consumers > 1) {
                settle(postgres, database);
                SaleWriterBenchmark.rawCopy(db, raw, consumers);
            }
            settle(postgres, database);
            String empty = postgres.newMigratedDatabase();
            SaleWriterBenchmark.rawCopyIntoSale(postgres.dataSource(empty), raw, consumers);
        } finally {
            postgres.stop();
            kafka.stop();
        }
    }

    /**
     * Vacuums what the last measurement wrote and writes every dirty page out, so that each measurement starts on a
     * quiet server: not while autovacuum reads the previous one's rows, or a checkpoint writes them.
     */
    private static void settle(Postgres postgres, String database) {
        postgres.execute(database, "VACUUM");
        postgres.execute(database, "CHECKPOINT");
    }

    /** The sales on the topic, in producer transactions of {@link #TRANSACTION}; the partitions' end offsets after. */
    private static Map<Integer, Long> publish(SalesProducer producer, String prefix, int sales, Map<Integer, Long> before)
            throws Exception {
        Map<Integer, Long> ends = new HashMap<>(before);
        if (sales == 0) {
            return ends;
        }
        long published = System.nanoTime();
        for (List<Sale> batch : SaleWriterBenchmark.batches(prefix, sales, TRANSACTION)) {
            for (RecordMetadata sent : producer.commit(SalesProducer.records(batch))) {
                ends.merge(sent.partition(), sent.offset() + 1, Math::max);
            }
        }
        System.out.printf(Locale.ROOT, "published %,d %s sales in %.1f s%n", sales, prefix,
                (System.nanoTime() - published) / 1e9);
        return ends;
    }

    /**
     * How long a load took: from the first batch stored to the last, from the loader's start, and over the second
     * half of its sales; with the share of the sales in that half.
     */
    private record Load(double seconds, double fromStart, double secondHalfSeconds, double secondHalfShare) {
    }

    /** The loader started on {@code database}, which holds offsets {@code from}, until it has stored {@code to}. */
    private static Load load(KafkaCluster kafka, Postgres postgres, String database, int consumers,
                             Map<Integer, Long> from, Map<Integer, Long> to) throws Exception {
        long started = System.nanoTime();
        try (Loader loader = Loader.start(kafka, postgres, database, SchemaRegistry.url(),
                Map.of("loader.sales-consumers", consumers));
             Connection watch = postgres.dataSource(database).getConnection();
             PreparedStatement offsets = watch.prepareStatement(STORED_OFFSETS)) {
            // The loader stores its offsets in the transaction that writes their rows: reading them (three
            // rows) watches the load without taking a core from it, as counting the table every 20 ms did.
            // On one connection: a new one each time is a new server process, forked 50 times a second.
            long start = sum(from);
            long end = sum(to);
            long first = 0;
            long half = 0;
            long storedAtHalf = 0;
            Map<Integer, Long> stored = from;
            while (!stored.equals(to)) {
                Thread.sleep(20);
                stored = storedOffsets(offsets);
                if (first == 0 && sum(stored) > start) {
                    first = System.nanoTime();
                }
                if (half == 0 && sum(stored) - start >= (end - start) / 2) {
                    half = System.nanoTime();
                    storedAtHalf = sum(stored);
                }
            }
            long last = System.nanoTime();
            // Offsets count the transaction markers too, one per partition and producer transaction of
            // 5,000 sales: the share of the sales after half-way is taken from them, within 0.1 %.
            return new Load((last - first) / 1e9, (last - started) / 1e9, (last - half) / 1e9,
                    (double) (end - storedAtHalf) / (end - start));
        }
    }

    /** Offsets as the loader stores them, so that a loader started on the database reads on from there. */
    private static void storeOffsets(DataSource db, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, Long> next = new HashMap<>();
        offsets.forEach((partition, offset) -> next.put(new TopicPartition(Topics.SALES_NAME, partition), offset));
        try (Connection c = db.getConnection()) {
            DatabaseOffsets.store(c, SalesListener.GROUP_ID, next);
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
