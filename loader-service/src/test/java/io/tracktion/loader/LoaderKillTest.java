package io.tracktion.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.loader.sales.SalesListener;
import io.tracktion.loader.testing.Sales;
import io.tracktion.loader.testing.SalesProducer;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loader as its own process, killed (SIGKILL) at random points while 100,000 sales load, again and again:
 * the table ends with exactly the sales sent, their sums exact, and the offsets stored beside them at the topic's
 * end. Then Kafka's committed offsets are thrown back to the start, as if a commit after the database transaction
 * had never happened: the loader resumes from the database's offsets and reads nothing again.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LoaderKillTest {

    private static final int SALES = 100_000;
    private static final int KILLS = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    private final Random random = new Random(20261202);
    private String database;

    @Test
    void killedAtRandomPointsItLoadsEverySaleExactlyOnce() throws Exception {
        database = POSTGRES.newMigratedDatabase();
        List<Sale> sales = sales();
        BigDecimal expectedUsd = sales.stream().map(Sale::getAmountPaidUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        try (SalesProducer producer = new SalesProducer(KAFKA)) {
            for (int i = 0; i < SALES; i += 2_000) {
                producer.commit(SalesProducer.records(sales.subList(i, Math.min(SALES, i + 2_000))));
            }
        }

        Path logs = Files.createDirectories(Path.of("target", "loader-kill-test"));
        for (int kill = 0; kill < KILLS; kill++) {
            long before = count();
            LoaderProcess loader = startLoader(logs.resolve("loader-" + kill + ".log"));
            long more = 1 + random.nextInt(10_000);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !loader.process.isAlive() || count() >= Math.min(SALES, before + more));
            loader.kill();
            if (count() >= SALES) {
                break;
            }
        }

        LoaderProcess last = startLoader(logs.resolve("loader-last.log"));
        try {
            await().atMost(Duration.ofSeconds(180)).until(() -> count() == SALES);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedOffsetsAtTheEnd());
            assertThat(query("SELECT count(DISTINCT sale_id) FROM sale")).isEqualTo(String.valueOf(SALES));
            assertThat(new BigDecimal(query("SELECT sum(amount_paid_usd) FROM sale"))).isEqualByComparingTo(expectedUsd);
            assertThat(query("SELECT count(*) FROM (SELECT DISTINCT tableoid FROM sale) AS months")).isEqualTo("3");
        } finally {
            last.stop();
        }

        rewindKafkaOffsetsToTheStart();
        LoaderProcess afterRewind = startLoader(logs.resolve("loader-rewound.log"));
        try (SalesProducer producer = new SalesProducer(KAFKA)) {
            producer.commit(IntStream.range(0, Topics.SALES.partitions())
                    .mapToObj(p -> SalesProducer.record(Sales.sale("after-rewind-" + p), p)).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> count() == SALES + Topics.SALES.partitions());
            Map<String, String> status = afterRewind.status();
            assertThat(status).containsEntry("salesInserted", String.valueOf(Topics.SALES.partitions()))
                    .as("nothing read again: the database's offsets, not Kafka's, say where to resume")
                    .containsEntry("salesAlreadyPresent", "0");
        } finally {
            afterRewind.stop();
        }
    }

    /** Distinct sales over three UTC months, amounts varied. */
    private List<Sale> sales() {
        Instant start = Instant.parse("2025-04-20T00:00:00Z");
        List<Sale> sales = new ArrayList<>(SALES);
        for (int i = 0; i < SALES; i++) {
            sales.add(Sales.builder("kill-" + i)
                    .setSoldAt(start.plusSeconds(i * 60L)) // 100,000 minutes: into July
                    .setAmountPaidUsd(new BigDecimal(random.nextInt(5_000_000)).movePointLeft(4))
                    .build());
        }
        return sales;
    }

    private long count() {
        return Long.parseLong(query("SELECT count(*) FROM sale"));
    }

    private boolean storedOffsetsAtTheEnd() throws Exception {
        Map<TopicPartition, Long> ends;
        try (Admin admin = KAFKA.admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, Topics.SALES.partitions()).boxed().collect(
                    Collectors.toMap(p -> new TopicPartition(Topics.SALES.name(), p), p -> OffsetSpec.latest()));
            ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (var c = POSTGRES.dataSource(database).getConnection(); var s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT partition, next_offset FROM consumer_offset WHERE consumer = '"
                     + SalesListener.GROUP_ID + "' AND topic = '" + Topics.SALES.name() + "'")) {
            while (rows.next()) {
                stored.put(new TopicPartition(Topics.SALES.name(), rows.getInt(1)), rows.getLong(2));
            }
        }
        // The end of a partition is past its last transaction's marker; the stored offset is past its last record.
        return stored.size() == ends.size() && ends.entrySet().stream()
                .allMatch(e -> stored.get(e.getKey()) >= e.getValue() - 1);
    }

    private void rewindKafkaOffsetsToTheStart() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = IntStream.range(0, Topics.SALES.partitions()).boxed().collect(
                Collectors.toMap(p -> new TopicPartition(Topics.SALES.name(), p), p -> new OffsetAndMetadata(0)));
        try (Admin admin = KAFKA.admin()) {
            admin.alterConsumerGroupOffsets(SalesListener.GROUP_ID, start).all().get(30, TimeUnit.SECONDS);
        }
    }

    private String query(String sql) {
        try (var c = POSTGRES.dataSource(database).getConnection(); var s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The loader's main class in a JVM of its own, configured by environment variables as in production. */
    private LoaderProcess startLoader(Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", // starts faster; the test waits on it, not on its speed
                // A killed consumer leaves the group after its session times out: 6 s (the broker's least), not 45.
                "-Dkafka.consumers.tracktion-loader.session.timeout.ms=6000",
                "-Dkafka.consumers.tracktion-loader.heartbeat.interval.ms=2000",
                "-cp", System.getProperty("java.class.path"), LoaderApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", SchemaRegistry.url());
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(POSTGRES.port()));
        env.put("DB_NAME", database);
        env.put("DB_USER", Postgres.USER);
        env.put("DB_PASSWORD", Postgres.PASSWORD);
        env.put("LOADER_PORT", String.valueOf(port));
        env.put("LOADER_RETRY_DELAY", "500ms");
        return new LoaderProcess(builder.start(), port);
    }

    private static final class LoaderProcess {
        private final Process process;
        private final int port;

        private LoaderProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: Micronaut's shutdown hook closes the consumers
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }

        /** GET /loader/status, its numbers as text. */
        Map<String, String> status() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/loader/status")).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> numbers = new HashMap<>();
            Matcher m = Pattern.compile("\"(\\w+)\":(-?\\d+)").matcher(response.body());
            while (m.find()) {
                numbers.put(m.group(1), m.group(2));
            }
            return numbers;
        }
    }
}
