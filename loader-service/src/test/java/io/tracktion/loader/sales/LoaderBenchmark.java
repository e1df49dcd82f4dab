package io.tracktion.loader.sales;

import io.tracktion.loader.testing.Loader;
import io.tracktion.loader.testing.SalesProducer;
import io.tracktion.schemas.Sale;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Sales per second from Kafka into PostgreSQL through the whole loader (poll, decode through the registry, COPY,
 * offsets in the same transaction), beside a raw {@code COPY} of as many rows in the same run: the physical limit.
 * The sales are on topic {@code tracktion.sales} before the loader starts, as in a catch-up or a replay; the rate is
 * taken from the first row in the table to the last. Not a test: run it by hand from loader-service,
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.tracktion.loader.sales.LoaderBenchmark [sales]
 * </pre>
 */
public final class LoaderBenchmark {

    private static final int TRANSACTION = 5_000;

    private LoaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sales = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        KafkaCluster kafka = new KafkaCluster();
        Postgres postgres = new Postgres();
        kafka.start();
        postgres.start();
        try (SalesProducer producer = new SalesProducer(kafka)) {
            List<List<Sale>> batches = SaleWriterBenchmark.batches("bench", sales, TRANSACTION);
            long published = System.nanoTime();
            for (List<Sale> batch : batches) {
                producer.commit(SalesProducer.records(batch));
            }
            System.out.printf(Locale.ROOT, "published %,d sales in %.1f s%n", sales, (System.nanoTime() - published) / 1e9);

            String database = postgres.newMigratedDatabase();
            DataSource db = postgres.dataSource(database);
            long started = System.nanoTime();
            try (Loader loader = Loader.start(kafka, postgres, database)) {
                long first = 0;
                long rows = 0;
                while (rows < sales) {
                    Thread.sleep(20);
                    rows = count(db);
                    if (first == 0 && rows > 0) {
                        first = System.nanoTime();
                    }
                }
                long last = System.nanoTime();
                System.out.printf(Locale.ROOT, "loader    %,9d sales in %6.2f s from the first row = %,9.0f sales/s "
                                + "(%.1f s from its start)%n", sales, (last - first) / 1e9,
                        sales / ((last - first) / 1e9), (last - started) / 1e9);
            }
            SaleWriterBenchmark.rawCopy(db, SaleWriterBenchmark.batches("raw", sales, TRANSACTION));
        } finally {
            postgres.stop();
            kafka.stop();
        }
    }

    private static long count(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sale")) {
            r.next();
            return r.getLong(1);
        }
    }
}
