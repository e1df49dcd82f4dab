package io.tracktion.ingestor.testing;

import static org.awaitility.Awaitility.await;

import io.tracktion.ingestor.cursor.CursorReader;
import io.tracktion.ingestor.enrich.ReleaseEnricher;
import io.tracktion.ingestor.enrich.ReleaseFetcher;
import io.tracktion.ingestor.enrich.ReleasePageParser;
import io.tracktion.ingestor.enrich.ReleaseSink;
import io.tracktion.ingestor.enrich.TagClassifier;
import io.tracktion.ingestor.enrich.TagVocabulary;
import io.tracktion.ingestor.feed.HttpSalesFeed;
import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.poll.Backoff;
import io.tracktion.ingestor.poll.FeedPoller;
import io.tracktion.ingestor.poll.FeedStatus;
import io.tracktion.ingestor.poll.PollResult;
import io.tracktion.ingestor.publish.KafkaWindowSink;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import io.tracktion.simulator.BandcampSimulator;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ingestor with release enrichment, wired like the application's, against a test broker and the simulator,
 * with short retries. Close it and build another on the same simulator to restart the ingestor.
 */
public final class EnrichmentRig implements AutoCloseable {

    public static final ReleaseEnricher.Settings FAST_RETRIES = new ReleaseEnricher.Settings(Duration.ofDays(7), 3,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(1), true);

    private static final Pattern URL_FIELD = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]*)\"");

    private final KafkaCluster kafka;
    private final BandcampSimulator simulator;
    private final FeedStatus status;
    private final ReleaseEnricher enricher;
    private final FeedPoller poller;

    public EnrichmentRig(KafkaCluster kafka, BandcampSimulator simulator, ReleaseEnricher.Settings settings) {
        this(kafka, simulator, settings, TestHttp.client(Duration.ofSeconds(2)));
    }

    public EnrichmentRig(KafkaCluster kafka, BandcampSimulator simulator, ReleaseEnricher.Settings settings,
                         BandcampHttp http) {
        this.kafka = kafka;
        this.simulator = simulator;
        SchemaRegistryConfig registry = SchemaRegistry.shared();
        String feed = simulator.baseUrl();
        Clock clock = Clock.systemUTC();
        ReleaseFetcher fetcher = new ReleaseFetcher(http,
                new ReleasePageParser(new TagClassifier(TagVocabulary.shipped())), feed + "/_pages", clock);
        this.enricher = new ReleaseEnricher(fetcher, new ReleaseSink(kafka.bootstrapServers(), registry),
                kafka.bootstrapServers(), registry, settings, clock);
        this.status = new FeedStatus(feed);
        KafkaWindowSink sink = new KafkaWindowSink(feed, KafkaWindowSink.producerConfig(kafka.bootstrapServers(), feed),
                new CursorReader(kafka.bootstrapServers(), Duration.ofSeconds(20), registry), registry);
        this.poller = new FeedPoller(feed, new HttpSalesFeed(feed, http), sink, Duration.ofSeconds(1),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), new SplittableRandom(7)), clock, status,
                enricher);
    }

    /**
     * Polls until the feed has nothing new and no gap is open (an open gap is asked for again once the poll
     * interval has passed), then waits until every fetch the windows caused is done.
     */
    public void catchUp() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                poller.pollOnce().outcome() == PollResult.Outcome.EMPTY
                        && status.view().gapsFound() == status.view().gapsClosed());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> enricher.isLoaded() && enricher.queuedFetches() == 0);
    }

    public ReleaseEnricher enricher() {
        return enricher;
    }

    public FeedStatus status() {
        return status;
    }

    /** The canonical release URLs this simulator's committed sales name. */
    public Set<String> releaseUrlsSold() {
        Set<String> urls = new LinkedHashSet<>();
        for (RawSale sale : KafkaTopics.rawSales(kafka, simulator.baseUrl())) {
            Matcher url = URL_FIELD.matcher(sale.getItemJson());
            if (url.find()) {
                ReleaseUrls.release(url.group(1).replace("\\/", "/")).ifPresent(urls::add);
            }
        }
        return urls;
    }

    /** The latest record of every release in the topic (what compaction keeps); deleted ones are left out. */
    public static Map<String, Release> latestReleases(KafkaCluster kafka) {
        RegistryAvroSerde<Release> serde = RegistryAvroSerde.release(SchemaRegistry.shared());
        Map<String, Release> latest = new LinkedHashMap<>();
        KafkaTopics.readToEnd(kafka, Topics.RELEASES.name()).forEach(record -> {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), serde.deserialize(record.topic(), record.value()));
            }
        });
        return latest;
    }

    /** Deletes releases from the cache topic (tombstones), so that a later run fetches them afresh. */
    public static void forget(KafkaCluster kafka, Set<String> urls) {
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            urls.forEach(url -> producer.send(new ProducerRecord<>(Topics.RELEASES.name(), url, null)));
            producer.flush();
        }
    }

    @Override
    public void close() {
        enricher.close();
        poller.close();
    }
}
