package io.tracktion.transformer.testing;

import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseLabel;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.Topics;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.testsupport.SchemaRegistry;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.stats.Interval;
import io.tracktion.transformer.stats.StatsProcessor;
import io.tracktion.transformer.streams.TransformerSettings;
import io.tracktion.transformer.topology.AnalyticsSettings;
import io.tracktion.transformer.topology.TransformerTopology;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology in a {@link TopologyTestDriver}, fed raw sales and releases, with the analytics topics read
 * back and kept: the latest record of every stats window, every signal, the latest chart of every key.
 */
public final class AnalyticsFixture implements AutoCloseable {

    /** The driver's wall clock at start; sale times are whatever the test gives. */
    public static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");
    public static final String APPLICATION_ID = "transformer-test";

    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> raw;
    private final TestInputTopic<String, Release> releases;
    private final TestOutputTopic<String, EnrichedSale> enriched;
    private final Map<Interval, TestOutputTopic<String, StatsWindow>> stats = new EnumMap<>(Interval.class);
    private final TestOutputTopic<String, Signal> signals;
    private final TestOutputTopic<String, TrendingChart> trending;
    private final RegistryAvroSerde<RawSale> rawSerde;

    private final List<EnrichedSale> enrichedSeen = new ArrayList<>();
    private final Map<Interval, List<StatsWindow>> statsSeen = new EnumMap<>(Interval.class);
    private final List<Signal> signalsSeen = new ArrayList<>();
    private final Map<String, TrendingChart> chartsSeen = new LinkedHashMap<>();

    public AnalyticsFixture(Path stateDir) {
        this(stateDir, AnalyticsSettings.DEFAULTS);
    }

    public AnalyticsFixture(Path stateDir, AnalyticsSettings settings) {
        var config = TransformerSettings.of("unused:9092", APPLICATION_ID, stateDir.toString(), 1).streamsConfig();
        SchemaRegistryConfig registry = SchemaRegistry.shared();
        rawSerde = RegistryAvroSerde.rawSale(registry);
        driver = new TopologyTestDriver(TransformerTopology.buildTopology(registry, settings), config, WALL_CLOCK);
        raw = driver.createInputTopic(Topics.RAW_SALES.name(), new ByteArraySerializer(), new ByteArraySerializer());
        releases = driver.createInputTopic(Topics.RELEASES.name(), new StringSerializer(),
                RegistryAvroSerde.release(registry));
        enriched = driver.createOutputTopic(Topics.SALES_ENRICHED.name(), new StringDeserializer(),
                RegistryAvroSerde.enrichedSale(registry));
        for (Interval interval : Interval.values()) {
            stats.put(interval, driver.createOutputTopic(interval.topic(), new StringDeserializer(),
                    RegistryAvroSerde.statsWindow(registry)));
            statsSeen.put(interval, new ArrayList<>());
        }
        signals = driver.createOutputTopic(Topics.SIGNALS.name(), new StringDeserializer(), RegistryAvroSerde.signal(registry));
        trending = driver.createOutputTopic(Topics.TRENDING.name(), new StringDeserializer(),
                RegistryAvroSerde.trendingChart(registry));
    }

    // ---- input

    /** A sale as the feed would serve it; {@link TestSale#pipe()} sends it. */
    public TestSale sale(String saleId, Instant at) {
        return new TestSale(this, saleId, at);
    }

    void pipe(TestSale sale) {
        RawSale rawSale = Samples.raw(sale.saleId, sale.itemJson())
                .setEventId(sale.cart)
                .setEventUtcDate(TestSale.feedTime(sale.at))
                .build();
        raw.pipeInput(sale.saleId.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                rawSerde.serialize(Topics.RAW_SALES.name(), rawSale), WALL_CLOCK);
    }

    /** Makes the release at {@code url} known: by {@code artist} (root URL {@code artistRoot}), in {@code genre}. */
    public void knownRelease(String url, String artist, String artistRoot, String label, String genre, String... tags) {
        Release.Builder release = Release.newBuilder()
                .setUrl(url)
                .setId(EntityIds.release(url))
                .setStatus(ReleaseStatus.KNOWN)
                .setFirstSeenAt(WALL_CLOCK)
                .setFetchedAt(WALL_CLOCK)
                .setHttpStatus(200)
                .setKind(url.contains("/track/") ? "track" : "album")
                .setTitle("Title of " + url.substring(url.lastIndexOf('/') + 1))
                .setArtist(new ReleaseArtist(EntityIds.artist(artistRoot), artist, artistRoot, null, "Berlin, Germany"))
                .setGenre(genre)
                .setTags(List.of(tags))
                .setKeywords(List.of())
                .setTracks(List.of())
                .setFormats(List.of());
        if (label != null) {
            String labelRoot = "https://" + label.toLowerCase(Locale.ROOT).replace(' ', '-') + ".bandcamp.com";
            release.setLabel(new ReleaseLabel(EntityIds.label(labelRoot), label, labelRoot, null, null));
        }
        pipeRelease(release.build());
    }

    public void pipeRelease(Release release) {
        releases.pipeInput(release.getUrl(), release, WALL_CLOCK);
    }

    /** A delta straight into the analytics repartition topic: how a refund from another source would arrive. */
    public void pipeDelta(String key, SaleDelta delta) {
        driver.createInputTopic(APPLICATION_ID + "-sale-deltas-repartition", new StringSerializer(),
                SaleDelta.SERDE.serializer()).pipeInput(key, delta, delta.soldAtMillis());
    }

    /** Moves the wall clock, which writes changed windows and charts and releases sales that waited too long. */
    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Lets every pending update out (one emit interval and more). */
    public void flush() {
        advanceWallClock(Duration.ofSeconds(2));
    }

    // ---- output

    public List<EnrichedSale> enriched() {
        enrichedSeen.addAll(enriched.readValuesToList());
        return List.copyOf(enrichedSeen);
    }

    /** Every stats record of an interval written so far, in order. */
    public List<StatsWindow> statsRecords(Interval interval) {
        statsSeen.get(interval).addAll(stats.get(interval).readValuesToList());
        return List.copyOf(statsSeen.get(interval));
    }

    /** The latest record of every window of an interval, by topic key. */
    public Map<String, StatsWindow> windows(Interval interval) {
        Map<String, StatsWindow> latest = new LinkedHashMap<>();
        for (StatsWindow window : statsRecords(interval)) {
            latest.put(StatsProcessor.publicKey(window.getDimension(), window.getEntityId(),
                    window.getWindowStart().toEpochMilli()), window);
        }
        return latest;
    }

    /** The latest record of one window, or null. */
    public StatsWindow window(Interval interval, String dimension, String entityId, Instant start) {
        return windows(interval).get(StatsProcessor.publicKey(dimension, entityId, start.toEpochMilli()));
    }

    public List<Signal> signals() {
        signalsSeen.addAll(signals.readValuesToList());
        return List.copyOf(signalsSeen);
    }

    public List<Signal> signals(String kind) {
        return signals().stream().filter(s -> s.getKind().equals(kind)).toList();
    }

    /** The latest chart of every key. */
    public Map<String, TrendingChart> charts() {
        for (var record : trending.readKeyValuesToList()) {
            chartsSeen.put(record.key, record.value);
        }
        return chartsSeen;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public static BigDecimal money(String value) {
        return new BigDecimal(value).setScale(4);
    }

    @Override
    public void close() {
        driver.close();
    }
}
