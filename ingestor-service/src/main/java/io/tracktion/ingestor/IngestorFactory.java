package io.tracktion.ingestor;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
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
import io.tracktion.ingestor.poll.Backoff;
import io.tracktion.ingestor.poll.FeedPoller;
import io.tracktion.ingestor.poll.FeedPollingLoop;
import io.tracktion.ingestor.poll.FeedStatus;
import io.tracktion.ingestor.publish.KafkaWindowSink;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Wires the ingestor from its settings; the polling loop starts with the application. */
@Factory
public class IngestorFactory {

    private static final Duration RETRY_INITIAL = Duration.ofSeconds(2);
    private static final Duration RETRY_MAX = Duration.ofMinutes(5);
    private static final Duration CURSOR_READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int CIRCUIT_THRESHOLD = 5;

    @Singleton
    IngestorSettings settings(@Value("${bandcamp.base-url}") String baseUrl,
                              @Value("${bandcamp.poll-interval}") String pollInterval,
                              @Value("${bandcamp.http-timeout}") String httpTimeout,
                              @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                              @Value("${schema-registry.url}") String schemaRegistryUrl) {
        return IngestorSettings.of(baseUrl, pollInterval, httpTimeout, bootstrapServers, schemaRegistryUrl);
    }

    @Singleton
    EnrichmentSettings enrichmentSettings(@Value("${bandcamp.requests-per-second}") String requestsPerSecond,
                                          @Value("${bandcamp.pages-url}") String pagesUrl,
                                          @Value("${enrich.refresh-after}") String refreshAfter) {
        return EnrichmentSettings.of(requestsPerSecond, pagesUrl, refreshAfter);
    }

    /** What the ingestor writes: it waits for these subjects, and /health shows whether they are there. */
    @Singleton
    SchemaRegistryProbe schemaRegistryProbe(IngestorSettings settings) {
        return SchemaRegistryProbe.forTopics(settings.schemaRegistry(), List.of(Topics.RAW_SALES, Topics.FEED_CURSOR,
                Topics.RELEASES, Topics.FEED_GAPS, Topics.FEED_WINDOWS));
    }

    /** The one way to Bandcamp: feed and pages share its rate limit, Retry-After pauses and circuits. */
    @Singleton
    BandcampHttp bandcampHttp(IngestorSettings settings, EnrichmentSettings enrichment) {
        Clock clock = Clock.systemUTC();
        return new BandcampHttp(settings.httpTimeout(), new RequestPacer(enrichment.requestsPerSecond()),
                new CircuitBreakers(CIRCUIT_THRESHOLD, clock), clock, UserAgent.value());
    }

    @Singleton
    @Bean(preDestroy = "close")
    ReleaseEnricher releaseEnricher(IngestorSettings settings, EnrichmentSettings enrichment, BandcampHttp http) {
        Clock clock = Clock.systemUTC();
        ReleaseFetcher fetcher = new ReleaseFetcher(http,
                new ReleasePageParser(new TagClassifier(TagVocabulary.shipped())), enrichment.pagesBaseUrl(), clock);
        return new ReleaseEnricher(fetcher, new ReleaseSink(settings.kafkaBootstrapServers(), settings.schemaRegistry()),
                settings.kafkaBootstrapServers(), settings.schemaRegistry(),
                ReleaseEnricher.Settings.of(enrichment.refreshAfter()), clock);
    }

    @Singleton
    FeedStatus feedStatus(IngestorSettings settings) {
        return new FeedStatus(settings.feedBaseUrl());
    }

    /** Eager, so that bad settings stop the application at startup and polling begins at once. */
    @Context
    @Bean(preDestroy = "close")
    FeedPollingLoop pollingLoop(IngestorSettings settings, FeedStatus status, SchemaRegistryProbe registryProbe,
                                BandcampHttp http, ReleaseEnricher enricher) {
        Clock clock = Clock.systemUTC();
        String feedBaseUrl = settings.feedBaseUrl();
        KafkaWindowSink sink = new KafkaWindowSink(feedBaseUrl,
                KafkaWindowSink.producerConfig(settings.kafkaBootstrapServers(), feedBaseUrl),
                new CursorReader(settings.kafkaBootstrapServers(), CURSOR_READ_TIMEOUT, settings.schemaRegistry()),
                settings.schemaRegistry());
        FeedPoller poller = new FeedPoller(feedBaseUrl, new HttpSalesFeed(feedBaseUrl, http),
                sink, settings.pollInterval(), new Backoff(RETRY_INITIAL, RETRY_MAX, RandomGenerator.getDefault()),
                clock, status, enricher);
        FeedPollingLoop loop = new FeedPollingLoop(poller, status, registryProbe);
        loop.start();
        return loop;
    }

    /** For the health check only. */
    @Singleton
    @Bean(preDestroy = "close")
    Admin kafkaAdmin(IngestorSettings settings) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "tracktion-ingestor-health",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
    }
}
