package io.tracktion.transformer.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.Topics;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import io.tracktion.transformer.signals.SignalKinds;
import io.tracktion.transformer.stats.Interval;
import io.tracktion.transformer.testing.AnalyticsStreamsMain;
import io.tracktion.transformer.testing.Samples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On real brokers, with exactly-once: two instances sharing the partitions, one of them killed (SIGKILL) mid-stream,
 * end with the same windows, charts and signals as one instance alone.
 */
@Timeout(360)
class AnalyticsClusterTest {

    static final String APPLICATION_ID = "analytics-cluster";
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final int ARTISTS = 30;
    static final int SALES = 3000;

    @TempDir
    Path dir;

    record Outcome(Map<String, String> windows, Map<String, String> charts, Map<String, Long> signalCounts,
                   Map<String, Set<String>> signalIdsByKind) {
    }

    @Test
    void twoInstancesOneKilledEndAsOneInstanceAlone() throws Exception {
        SchemaRegistryConfig registry = SchemaRegistry.shared();
        Outcome alone = run(registry, false);
        Outcome shared = run(registry, true);

        assertThat(alone.windows()).isNotEmpty();
        assertThat(alone.windows().keySet().stream().filter(k -> k.startsWith(Topics.STATS_DAY_NAME))).isNotEmpty();
        assertThat(difference(shared.windows(), alone.windows())).as("windows that differ (two instances vs one)").isEmpty();
        // The survivor rebuilt the killed instance's charts, buckets and all, from their changelog.
        assertThat(alone.charts()).containsKeys("artist|24h|store", "tag|1h|store");
        assertThat(difference(shared.charts(), alone.charts())).as("charts that differ (two instances vs one)").isEmpty();
        assertThat(twice(shared)).as("signals written twice, two instances").isEmpty();
        assertThat(twice(alone)).as("signals written twice, one instance").isEmpty();
        // Crossings and first sales do not depend on the order sales reach an entity; both runs find the same.
        for (String kind : List.of(SignalKinds.FIRST_SALE, SignalKinds.MILESTONE)) {
            assertThat(shared.signalIdsByKind().get(kind)).as(kind).isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(alone.signalIdsByKind().get(kind));
        }
    }

    private static List<String> twice(Outcome outcome) {
        return outcome.signalCounts().entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " " + outcome.signalIdsByKind().entrySet().stream()
                        .filter(k -> k.getValue().contains(e.getKey())).map(Map.Entry::getKey).toList() + " x" + e.getValue())
                .toList();
    }

    /** The keys whose values differ, or that only one map has, with both values: short enough to read. */
    private static List<String> difference(Map<String, String> actual, Map<String, String> expected) {
        Set<String> keys = new java.util.TreeSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(actual.get(k), expected.get(k)))
                .map(k -> k + ": " + actual.get(k) + " instead of " + expected.get(k)).limit(30).toList();
    }

    private Outcome run(SchemaRegistryConfig registry, boolean twoInstancesOneKilled) throws Exception {
        KafkaCluster kafka = new KafkaCluster();
        kafka.start();
        List<Process> instances = new ArrayList<>();
        try {
            Path runDir = Files.createDirectories(dir.resolve(twoInstancesOneKilled ? "shared" : "alone"));
            instances.add(startInstance(kafka, registry, runDir.resolve("a")));
            if (twoInstancesOneKilled) {
                instances.add(startInstance(kafka, registry, runDir.resolve("b")));
            }
            List<ProducerRecord<String, byte[]>> input = input(registry);
            int half = input.size() / 2;
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                input.subList(0, half).forEach(producer::send);
                producer.flush();
                if (twoInstancesOneKilled) {
                    await().atMost(Duration.ofSeconds(90)).until(() ->
                            kafka.readAll(Topics.STATS_MINUTE.name(), Duration.ofMillis(300), Duration.ofSeconds(5)).size() > 50);
                    instances.get(0).destroyForcibly().waitFor(); // mid-stream, without a chance to commit
                }
                input.subList(half, input.size()).forEach(producer::send);
                producer.flush();
            }
            awaitAllConsumed(kafka);
            return outcome(kafka, registry);
        } finally {
            for (Process instance : instances) {
                instance.destroyForcibly().waitFor();
            }
            kafka.stop();
        }
    }

    /** Releases of 25 of the 30 artists, then sales (a tenth sent twice), then one a day later that closes every window. */
    private static List<ProducerRecord<String, byte[]>> input(SchemaRegistryConfig registry) {
        RegistryAvroSerde<Release> releases = RegistryAvroSerde.release(registry);
        RegistryAvroSerde<RawSale> raw = RegistryAvroSerde.rawSale(registry);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int a = 0; a < ARTISTS - 5; a++) {
            Release release = Release.newBuilder().setUrl(url(a)).setId(EntityIds.release(url(a)))
                    .setStatus(ReleaseStatus.KNOWN).setFirstSeenAt(START).setFetchedAt(START).setHttpStatus(200)
                    .setKind("album").setTitle("First of " + a)
                    .setArtist(new ReleaseArtist(EntityIds.artist(root(a)), "Artist " + a, root(a), null, null))
                    .setGenre(a % 3 == 0 ? "rock" : "electronic").setTags(List.of("tag" + a % 4, "tag" + a % 7))
                    .setKeywords(List.of()).setTracks(List.of()).setFormats(List.of()).build();
            records.add(new ProducerRecord<>(Topics.RELEASES.name(), release.getUrl(),
                    releases.serialize(Topics.RELEASES.name(), release)));
        }
        Random random = new Random(42);
        String[] countries = {"de", "us", "jp", "gb", "fr"};
        List<ProducerRecord<String, byte[]>> sales = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            // Skewed: low artist numbers sell most, so some cross 10 and 100 units.
            int artist = Math.min(ARTISTS - 1, (int) Math.abs(random.nextGaussian() * 8));
            Instant at = START.plusMillis((long) i * 3 * 3600 * 1000 / SALES + random.nextInt(60_000));
            String cents = (random.nextInt(2000) + 100) / 100 + "." + String.format("%02d", random.nextInt(100));
            sales.add(sale(raw, "s" + i, "cart" + i / 2, artist, at, cents, countries[random.nextInt(countries.length)]));
        }
        records.addAll(sales);
        for (int i = 0; i < SALES; i += 10) {
            records.add(sales.get(i));
        }
        records.add(sale(raw, "closer", "closer", 0, START.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)), "1.00", "de"));
        return records;
    }

    private static ProducerRecord<String, byte[]> sale(RegistryAvroSerde<RawSale> serde, String id, String cart, int artist,
                                                       Instant at, String usd, String country) {
        String time = at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1000);
        String item = "{\"utc_date\": " + time + ", \"artist_name\": \"Artist " + artist + "\", \"item_type\": \"a\", "
                + "\"item_description\": \"First\", \"slug_type\": \"a\", \"currency\": \"USD\", \"amount_paid\": " + usd
                + ", \"item_price\": 1, \"amount_paid_usd\": " + usd + ", \"country\": \"" + country + "\", \"country_code\": \""
                + country + "\", \"url\": \"" + url(artist).replace("https:", "") + "\"}";
        RawSale sale = Samples.raw(id, item).setEventId(cart).setEventUtcDate(time).build();
        return new ProducerRecord<>(Topics.RAW_SALES.name(), id, serde.serialize(Topics.RAW_SALES.name(), sale));
    }

    private static String root(int artist) {
        return "https://artist" + artist + ".bandcamp.com";
    }

    private static String url(int artist) {
        return root(artist) + "/album/first";
    }

    private Process startInstance(KafkaCluster kafka, SchemaRegistryConfig registry, Path stateDir) throws IOException {
        Path log = Files.createDirectories(stateDir).resolve("instance.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), AnalyticsStreamsMain.class.getName(),
                kafka.bootstrapServers(), APPLICATION_ID, stateDir.toString(), registry.url().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive() || Files.readString(log).contains("RUNNING"));
        assertThat(process.isAlive()).as("instance started; see " + log).isTrue();
        return process;
    }

    /** Every input and internal topic consumed and committed, twice in a row a few seconds apart. */
    private static void awaitAllConsumed(KafkaCluster kafka) {
        int[] stableChecks = {0};
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            stableChecks[0] = allCommitted(kafka) ? stableChecks[0] + 1 : 0;
            return stableChecks[0] >= 2;
        });
    }

    private static boolean allCommitted(KafkaCluster kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            var committed = admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
            if (committed.size() < 12) { // raw, releases and the two repartition topics, 3 partitions each
                return false;
            }
            Map<TopicPartition, OffsetSpec> request = committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get();
            return committed.entrySet().stream().allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
        }
    }

    private static Outcome outcome(KafkaCluster kafka, SchemaRegistryConfig registry) {
        RegistryAvroSerde<StatsWindow> stats = RegistryAvroSerde.statsWindow(registry);
        Map<String, String> windows = new TreeMap<>();
        for (Interval interval : Interval.values()) {
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(interval.topic(), Duration.ofSeconds(3), Duration.ofSeconds(60))) {
                StatsWindow w = stats.deserialize(r.topic(), r.value());
                // The latest record per key, without its version (how many updates were written depends on timing).
                windows.put(interval.topic() + "|" + new String(r.key(), StandardCharsets.UTF_8),
                        w.getUnits() + " " + w.getRevenueUsd() + " " + w.getRevenueByCurrency() + " " + w.getCarts() + " "
                                + w.getPayWhatYouWantUnits() + " " + w.getOverpayUsd() + " " + w.getByCountry()
                                + " final=" + w.getFinal$());
            }
        }
        RegistryAvroSerde<TrendingChart> trending = RegistryAvroSerde.trendingChart(registry);
        Map<String, String> charts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(Topics.TRENDING.name(), Duration.ofSeconds(2), Duration.ofSeconds(30))) {
            charts.put(new String(r.key(), StandardCharsets.UTF_8), trending.deserialize(r.topic(), r.value()).toString());
        }
        RegistryAvroSerde<Signal> signals = RegistryAvroSerde.signal(registry);
        Map<String, Long> counts = new HashMap<>();
        Map<String, Set<String>> byKind = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(Topics.SIGNALS.name(), Duration.ofSeconds(2), Duration.ofSeconds(30))) {
            Signal s = signals.deserialize(r.topic(), r.value());
            counts.merge(s.getId(), 1L, Long::sum);
            byKind.computeIfAbsent(s.getKind(), k -> new java.util.TreeSet<>()).add(s.getId());
        }
        return new Outcome(windows, charts, counts, byKind);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaCluster kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }
}
