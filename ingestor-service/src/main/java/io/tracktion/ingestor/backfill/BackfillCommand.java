package io.tracktion.ingestor.backfill;

import io.tracktion.ingestor.EnrichmentSettings;
import io.tracktion.ingestor.IngestorSettings;
import io.tracktion.ingestor.cursor.CursorReader;
import io.tracktion.ingestor.enrich.ReleaseEnricher;
import io.tracktion.ingestor.enrich.ReleaseFetcher;
import io.tracktion.ingestor.enrich.ReleasePageParser;
import io.tracktion.ingestor.enrich.ReleaseSink;
import io.tracktion.ingestor.enrich.TagClassifier;
import io.tracktion.ingestor.enrich.TagVocabulary;
import io.tracktion.ingestor.feed.HttpSalesFeed;
import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.http.CircuitBreakers;
import io.tracktion.ingestor.http.RequestPacer;
import io.tracktion.ingestor.http.UserAgent;
import io.tracktion.ingestor.kafka.TopicReader;
import io.tracktion.ingestor.publish.KafkaWindowSink;
import io.tracktion.ingestor.publish.PublishException;
import io.tracktion.schemas.RegistryAvroSerde;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code java -jar ingestor-service.jar backfill --from <instant> --to <instant>} ({@code ./tracktion backfill}):
 * a {@link Backfill} with the ingestor's own settings, from the same environment variables, without its HTTP
 * server. Then waits, showing progress, until the pages of the releases it found are fetched.
 */
public final class BackfillCommand {

    static final String USAGE = "Usage: backfill --from <ISO-8601 instant> --to <ISO-8601 instant>"
            + "  (e.g. --from 2026-11-30T00:00:00Z --to 2026-11-30T06:00:00Z)";
    private static final Duration RELEASE_WAIT = Duration.ofMinutes(30);

    private BackfillCommand() {
    }

    /** @return the exit code: 0 done, 1 failed or stopped early, 2 bad arguments or settings */
    public static int run(List<String> args, Map<String, String> env, PrintStream out) throws InterruptedException {
        long from;
        long to;
        IngestorSettings settings;
        EnrichmentSettings enrichment;
        try {
            from = instant(option(args, "--from"), "--from");
            to = instant(option(args, "--to"), "--to");
            if (to <= from) {
                throw new IllegalArgumentException("--to must be after --from");
            }
            settings = IngestorSettings.of(env.getOrDefault("BANDCAMP_BASE_URL", "https://bandcamp.com"),
                    env.getOrDefault("BANDCAMP_POLL_INTERVAL", "60s"), env.getOrDefault("BANDCAMP_HTTP_TIMEOUT", "20s"),
                    env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                    env.getOrDefault("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8085"));
            enrichment = EnrichmentSettings.of(env.getOrDefault("BANDCAMP_REQUESTS_PER_SECOND", "1"),
                    env.get("BANDCAMP_PAGES_URL"), env.getOrDefault("ENRICH_REFRESH_AFTER", "7d"));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        Clock clock = Clock.systemUTC();
        String feedUrl = settings.feedBaseUrl();
        BandcampHttp http = new BandcampHttp(settings.httpTimeout(), new RequestPacer(enrichment.requestsPerSecond()),
                new CircuitBreakers(5, clock), clock, UserAgent.value());
        ReleaseFetcher fetcher = new ReleaseFetcher(http, new ReleasePageParser(new TagClassifier(TagVocabulary.shipped())),
                enrichment.pagesBaseUrl(), clock);
        String bootstrap = settings.kafkaBootstrapServers();
        try (ReleaseEnricher enricher = new ReleaseEnricher(fetcher, new ReleaseSink(bootstrap, settings.schemaRegistry()),
                bootstrap, settings.schemaRegistry(), ReleaseEnricher.Settings.of(enrichment.refreshAfter()).discoveredOnly(), clock);
             KafkaWindowSink sink = new KafkaWindowSink(feedUrl, producerConfig(bootstrap, feedUrl),
                     new CursorReader(bootstrap, Duration.ofSeconds(30), settings.schemaRegistry()),
                     settings.schemaRegistry())) {
            Backfill backfill = new Backfill(feedUrl, new HttpSalesFeed(feedUrl, http), sink, enricher,
                    new TopicReader(bootstrap, "tracktion-backfill-windows"),
                    RegistryAvroSerde.feedWindowReceived(settings.schemaRegistry()), out, clock, Duration.ofSeconds(2));
            Backfill.Result result = backfill.run(from, to);
            awaitReleases(enricher, out);
            return result.complete() ? 0 : 1;
        } catch (PublishException e) {
            out.println("Backfill failed: " + e.getMessage() + " (is Kafka at " + bootstrap + " and the schema registry"
                    + " running? ./tracktion up starts them)");
            return 1;
        }
    }

    /**
     * The live ingestor's settings under a transactional id of their own: a backfill and the live poller never
     * fence each other, and a backfill killed mid-window has its open transaction aborted by the next one.
     */
    static Properties producerConfig(String bootstrap, String feedUrl) {
        Properties config = KafkaWindowSink.producerConfig(bootstrap, feedUrl);
        String id = KafkaWindowSink.transactionalId(feedUrl).replace("tracktion-ingestor-", "tracktion-backfill-");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, id);
        return config;
    }

    private static void awaitReleases(ReleaseEnricher enricher, PrintStream out) throws InterruptedException {
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        long nextReport = 0;
        while (enricher.queuedFetches() > 0 && System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextReport) {
                out.printf("  %d release pages still to fetch%n", enricher.queuedFetches());
                nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(200);
        }
        if (enricher.queuedFetches() > 0) {
            out.printf("%d release pages not fetched yet: they stay pending, and the ingestor fetches them when a"
                    + " sale names them again%n", enricher.queuedFetches());
        } else {
            out.println("Every release found has been fetched: " + enricher.stats().fetchesByOutcome());
        }
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return args.get(at + 1);
    }

    private static long instant(String text, String name) {
        try {
            return Instant.parse(text).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-30T00:00:00Z, not '"
                    + text + "'");
        }
    }
}
