package io.tracktion.transformer.benchmark;

import static org.awaitility.Awaitility.await;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.TopicSpec;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import io.tracktion.transformer.parse.SaleTimes;
import io.tracktion.transformer.signals.SpikeRules;
import io.tracktion.transformer.streams.TransformerSettings;
import io.tracktion.transformer.streams.TransformerStreams;
import io.tracktion.transformer.testing.Samples;
import io.tracktion.transformer.topology.AnalyticsSettings;
import io.tracktion.transformer.topology.TransformerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The full topology against a pass-through one (raw records read and written, nothing else), both with
 * exactly-once on an in-process broker, in one run (see BENCHMARKS.md):
 * <ol>
 *   <li>throughput: {@code sales} simulated raw sales loaded first, then each topology started and timed until it
 *       has consumed and committed everything; the rate reported is the second half's, after the JIT's warm-up;
 *       then the records the full topology wrote, per topic and per sale;</li>
 *   <li>latency: sales sent at {@code rate} a second for {@code seconds}, timed from the send of a raw record to the
 *       first committed store-wide minute update that counts it (and, for pass-through, to its copy).</li>
 * </ol>
 * Arguments: {@code sales rate seconds emitIntervalMillis} (defaults 200000 11 60, STATS_EMIT_INTERVAL's default);
 * {@code -Dbench.threads} stream threads (1), {@code -Dbench.commitMs} TRANSFORMER_COMMIT_INTERVAL (its default).
 */
public final class TopologyBenchmark {

    static final String PASS_THROUGH_TOPIC = "bench.passthrough";
    /** Set so that the loaded sales end a minute before the live ones begin, as after a catch-up. */
    static Instant HISTORY = Instant.parse("2026-11-02T00:00:00Z");
    static final int ARTISTS = 3000;
    static final int TAGS = 300;
    static final String[] COUNTRIES = {"us", "gb", "de", "fr", "jp", "ca", "au", "nl", "se", "it", "es", "br", "mx",
            "pl", "be", "ch", "at", "dk", "no", "fi", "ie", "nz", "kr", "pt", "cz"};

    private static Admin admin;

    private TopologyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sales = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        HISTORY = Instant.now().minusMillis(spacingMillis(sales) * sales).minusSeconds(60)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 11;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Duration emitInterval = args.length > 3 ? Duration.ofMillis(Long.parseLong(args[3])) : AnalyticsSettings.DEFAULTS.emitInterval();
        AnalyticsSettings settings = new AnalyticsSettings(AnalyticsSettings.DEFAULTS.enrichWait(),
                AnalyticsSettings.DEFAULTS.statsGrace(), AnalyticsSettings.DEFAULTS.statsRetention(), emitInterval,
                AnalyticsSettings.DEFAULTS.spikeRules(), AnalyticsSettings.DEFAULTS.chartEntryMinUnits());
        KafkaCluster kafka = new KafkaCluster();
        kafka.start();
        kafka.createTopics(List.of(new TopicSpec(PASS_THROUGH_TOPIC, 3, Map.of(), null)));
        SchemaRegistryConfig registry = SchemaRegistry.shared();
        Path state = Files.createTempDirectory("topology-benchmark");
        try {
            loadReleases(kafka, registry);
            List<ProducerRecord<String, byte[]>> history = history(registry, sales);
            send(kafka, history);
            System.out.printf("loaded %,d raw sales over %s of sale time%n", sales, Duration.between(HISTORY,
                    HISTORY.plusMillis(spacingMillis(sales) * sales)));

            // Both stay up for the latency part: a restarted client would wait out the old member's session.
            try (TransformerStreams pass = new TransformerStreams(passThrough(), config(kafka, "bench-pass-through", state));
                 TransformerStreams full = new TransformerStreams(
                         TransformerTopology.buildTopology(registry, settings),
                         config(kafka, "bench-full", state))) {
                double passThrough = throughput(kafka, pass, "bench-pass-through", sales, 3, Topics.RAW_SALES.name());
                // raw sales, releases and the two repartition topics, three partitions each
                double fullRate = throughput(kafka, full, "bench-full", sales, 12, "sale-deltas-repartition");
                System.out.printf("sustained throughput (second half): pass-through %,.0f records/s, full topology %,.0f sales/s%n",
                        passThrough, fullRate);
                recordsWritten(sales);

                List<Long> passLatency = new ArrayList<>();
                List<Long> fullLatency = new ArrayList<>();
                latency(kafka, registry, rate, seconds, passLatency, fullLatency);
            System.out.printf("latency at %.0f sales/s over %d s: pass-through p50 %d ms p99 %d ms; "
                            + "full (raw record to its minute update) p50 %d ms p99 %d ms (%d sales)%n",
                    rate, seconds, percentile(passLatency, 50), percentile(passLatency, 99),
                    percentile(fullLatency, 50), percentile(fullLatency, 99), fullLatency.size());
            }
        } finally {
            kafka.stop();
            System.exit(0); // the shared registry's process goes with the JVM
        }
    }

    static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RAW_SALES.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /**
     * Starts the client and times it from RUNNING (its internal topics made, its tasks assigned) to all committed.
     * Returns the rate over the second half, after the JIT has compiled the hot paths (over a whole run of 100,000
     * sales the compiler takes a quarter of the machine): from when the last sub-topology, which reads
     * {@code lastInput}, has committed half of what it reads in the end, to when everything is committed.
     */
    static double throughput(KafkaCluster kafka, TransformerStreams streams, String applicationId, int sales,
                             int inputPartitions, String lastInput)
            throws Exception {
        streams.start();
        await().forever().pollInterval(Duration.ofMillis(10))
                .until(() -> streams.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        long started = System.nanoTime();
        List<long[]> progress = new ArrayList<>(); // {nanoTime, records of lastInput committed}
        await().forever().pollInterval(Duration.ofMillis(100)).until(() -> {
            progress.add(new long[] {System.nanoTime(), committed(kafka, applicationId, lastInput)});
            return allCommitted(kafka, applicationId, inputPartitions);
        });
        long finished = System.nanoTime();
        long total = committed(kafka, applicationId, lastInput);
        long halfway = progress.stream().filter(p -> p[1] >= total / 2).findFirst().orElseThrow()[0];
        double elapsed = (finished - started) / 1e9;
        double secondHalf = (finished - halfway) / 1e9;
        System.out.printf("%s: %,d sales in %.1f s (%,.0f/s); the second half in %.1f s (%,.0f/s)%n", applicationId, sales,
                elapsed, sales / elapsed, secondHalf, sales / 2.0 / secondHalf);
        return sales / 2.0 / secondHalf;
    }

    /** Records of the topics whose name ends with {@code topic} committed by the application so far. */
    static long committed(KafkaCluster kafka, String applicationId, String topic) throws Exception {
        synchronized (TopologyBenchmark.class) {
            if (admin == null) {
                admin = kafka.admin();
            }
        }
        return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().endsWith(topic))
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /**
     * Both topologies run while sales are sent at {@code rate}; each sale's sale time is its send time, so the
     * store-wide minute window's {@code lastSaleAt} says which sales an update counts.
     */
    static void latency(KafkaCluster kafka, SchemaRegistryConfig registry, double rate, int seconds,
                        List<Long> passLatency, List<Long> fullLatency) throws Exception {
        RegistryAvroSerde<RawSale> raw = RegistryAvroSerde.rawSale(registry);
        RegistryAvroSerde<StatsWindow> stats = RegistryAvroSerde.statsWindow(registry);
        ConcurrentSkipListMap<Long, Long> sentAtBySaleMicros = new ConcurrentSkipListMap<>();
        Map<String, Long> sentAtById = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch assigned = new CountDownLatch(2);
        {
            Thread fullReader = reader(kafka, Topics.STATS_MINUTE.name(), running, assigned, (key, value, receivedAt) -> {
                if (!key.startsWith("store|all|")) {
                    return;
                }
                StatsWindow window = stats.deserialize(Topics.STATS_MINUTE.name(), value);
                long counted = SaleTimes.micros(window.getLastSaleAt());
                var covered = sentAtBySaleMicros.headMap(counted, true);
                covered.values().forEach(sentAt -> fullLatency.add((receivedAt - sentAt) / 1_000_000));
                covered.clear();
            });
            Thread passReader = reader(kafka, PASS_THROUGH_TOPIC, running, assigned, (key, value, receivedAt) -> {
                Long sentAt = sentAtById.remove(key);
                if (sentAt != null) {
                    passLatency.add((receivedAt - sentAt) / 1_000_000);
                }
            });
            assigned.await(); // both readers hold their partitions: none of the sends below is missed
            Random random = new Random(7);
            try (KafkaProducer<String, byte[]> producer = producer(kafka, 0)) {
                long interval = (long) (1e9 / rate);
                long next = System.nanoTime();
                for (int i = 0; i < rate * seconds; i++) {
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                    next += interval;
                    Instant soldAt = Instant.now();
                    long micros = SaleTimes.micros(soldAt);
                    String id = "live-" + i;
                    ProducerRecord<String, byte[]> record = sale(raw, random, id, "live-cart-" + i, soldAt);
                    long sentAt = System.nanoTime();
                    sentAtBySaleMicros.put(micros, sentAt);
                    sentAtById.put(id, sentAt);
                    producer.send(record);
                }
            }
            // Until every sale sent is counted by both, or a minute has passed (what is left is reported as missing).
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> sentAtBySaleMicros.isEmpty() && sentAtById.isEmpty());
            running.set(false);
            fullReader.join();
            passReader.join();
        }
    }

    interface RecordHandler {
        void handle(String key, byte[] value, long receivedAtNanos);
    }

    static Thread reader(KafkaCluster kafka, String topic, AtomicBoolean running, CountDownLatch assigned,
                         RecordHandler handler) {
        Thread thread = new Thread(() -> {
            Properties props = kafka.consumerProperties();
            props.put("auto.offset.reset", "latest");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                boolean counted = false;
                while (running.get()) {
                    var records = consumer.poll(Duration.ofMillis(20));
                    if (!counted && !consumer.assignment().isEmpty()) {
                        consumer.seekToEnd(consumer.assignment());
                        consumer.position(consumer.assignment().iterator().next()); // resolved before the sends begin
                        assigned.countDown();
                        counted = true;
                    }
                    for (var record : records) {
                        handler.handle(record.key(), record.value(), System.nanoTime());
                    }
                }
            }
        }, "reader-" + topic);
        thread.start();
        return thread;
    }

    static Properties config(KafkaCluster kafka, String applicationId, Path state) {
        Duration commitInterval = Duration.ofMillis(Long.getLong("bench.commitMs",
                TransformerSettings.DEFAULT_COMMIT_INTERVAL.toMillis()));
        Properties config = TransformerSettings.of(kafka.bootstrapServers(), applicationId,
                state.resolve(applicationId).toString(), 1, commitInterval).streamsConfig();
        config.put("num.stream.threads", Integer.getInteger("bench.threads", 1));
        return config;
    }

    /** Every input partition of every sub-topology committed up to its end. */
    static boolean allCommitted(KafkaCluster kafka, String applicationId, int inputPartitions) throws Exception {
        synchronized (TopologyBenchmark.class) {
            if (admin == null) {
                admin = kafka.admin(); // one for the run: creating an admin client costs more CPU than a check
            }
        }
        {
            var committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            if (committed.size() < inputPartitions) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> request = committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get();
            return committed.entrySet().stream().allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
        }
    }

    /**
     * Offsets written per topic (records, transaction markers included) per sale loaded: what the topology costs
     * the broker, and the first place to look when it is slow.
     */
    static void recordsWritten(int sales) throws Exception {
        var topics = admin.listTopics().names().get();
        var partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var ends = admin.listOffsets(partitions).all().get();
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        ends.forEach((tp, info) -> byTopic.merge(tp.topic(), info.offset(), Long::sum));
        long total = 0;
        for (var entry : byTopic.entrySet()) {
            if (entry.getKey().startsWith("bench-full") || entry.getKey().startsWith("tracktion.")) {
                System.out.printf("  %-70s %,10d  %.2f per sale%n", entry.getKey(), entry.getValue(),
                        entry.getValue() / (double) sales);
                total += entry.getValue();
            }
        }
        System.out.printf("  %-70s %,10d  %.2f per sale%n", "written by the full topology", total, total / (double) sales);
    }

    static void loadReleases(KafkaCluster kafka, SchemaRegistryConfig registry) {
        RegistryAvroSerde<Release> serde = RegistryAvroSerde.release(registry);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Random random = new Random(3);
        for (int a = 0; a < ARTISTS; a++) {
            Release release = Release.newBuilder().setUrl(url(a)).setId(EntityIds.release(url(a)))
                    .setStatus(ReleaseStatus.KNOWN).setFirstSeenAt(HISTORY).setFetchedAt(HISTORY).setHttpStatus(200)
                    .setKind("album").setTitle("Album " + a)
                    .setArtist(new ReleaseArtist(EntityIds.artist(root(a)), "Artist " + a, root(a), null, null))
                    .setGenre("genre" + random.nextInt(20))
                    .setTags(List.of("tag" + random.nextInt(TAGS), "tag" + random.nextInt(TAGS), "tag" + random.nextInt(TAGS)))
                    .setKeywords(List.of()).setTracks(List.of()).setFormats(List.of()).build();
            records.add(new ProducerRecord<>(Topics.RELEASES.name(), release.getUrl(),
                    serde.serialize(Topics.RELEASES.name(), release)));
        }
        send(kafka, records);
    }

    /** Sales at Bandcamp's daily average spacing (about 11 a second), carts of one to three items. */
    static List<ProducerRecord<String, byte[]>> history(SchemaRegistryConfig registry, int sales) {
        RegistryAvroSerde<RawSale> serde = RegistryAvroSerde.rawSale(registry);
        Random random = new Random(11);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(sales);
        int cart = 0;
        int leftInCart = 0;
        for (int i = 0; i < sales; i++) {
            if (leftInCart == 0) {
                cart++;
                leftInCart = 1 + random.nextInt(3);
            }
            leftInCart--;
            records.add(sale(serde, random, "h" + i, "cart-" + cart, HISTORY.plusMillis(spacingMillis(sales) * i)));
        }
        return records;
    }

    static long spacingMillis(int sales) {
        return 90;
    }

    static ProducerRecord<String, byte[]> sale(RegistryAvroSerde<RawSale> serde, Random random, String id, String cart,
                                               Instant at) {
        // Popularity falls off with the artist number: a few sell a lot, most a little.
        int artist = (int) Math.min(ARTISTS - 1, Math.floor(Math.pow(random.nextDouble(), 3) * ARTISTS));
        String country = COUNTRIES[(int) Math.floor(Math.pow(random.nextDouble(), 2) * COUNTRIES.length)];
        String usd = (1 + random.nextInt(25)) + "." + String.format("%02d", random.nextInt(100));
        String time = at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1000);
        String item = "{\"utc_date\": " + time + ", \"artist_name\": \"Artist " + artist + "\", \"item_type\": \"a\", "
                + "\"item_description\": \"Album\", \"slug_type\": \"a\", \"currency\": \"USD\", \"amount_paid\": " + usd
                + ", \"item_price\": 1, \"amount_paid_usd\": " + usd + ", \"country\": \"" + country
                + "\", \"country_code\": \"" + country + "\", \"url\": \"" + url(artist).replace("https:", "") + "\"}";
        RawSale sale = Samples.raw(id, item).setEventId(cart).setEventUtcDate(time).build();
        return new ProducerRecord<>(Topics.RAW_SALES.name(), id, serde.serialize(Topics.RAW_SALES.name(), sale));
    }

    static String root(int artist) {
        return "https://artist" + artist + ".bandcamp.com";
    }

    static String url(int artist) {
        return root(artist) + "/album/first";
    }

    static void send(KafkaCluster kafka, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = producer(kafka, 20)) {
            records.forEach(producer::send);
        }
    }

    static KafkaProducer<String, byte[]> producer(KafkaCluster kafka, int lingerMs) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, lingerMs, ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"),
                new StringSerializer(), new ByteArraySerializer());
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
