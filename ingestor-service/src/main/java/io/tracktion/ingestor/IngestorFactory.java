package io.tracktion.ingestor;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tracktion.ingestor.cursor.CursorReader;
import io.tracktion.ingestor.feed.HttpSalesFeed;
import io.tracktion.ingestor.poll.Backoff;
import io.tracktion.ingestor.poll.FeedPoller;
import io.tracktion.ingestor.poll.FeedPollingLoop;
import io.tracktion.ingestor.poll.FeedStatus;
import io.tracktion.ingestor.publish.KafkaWindowSink;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
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

    @Singleton
    IngestorSettings settings(@Value("${bandcamp.base-url}") String baseUrl,
                              @Value("${bandcamp.poll-interval}") String pollInterval,
                              @Value("${bandcamp.http-timeout}") String httpTimeout,
                              @Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        return IngestorSettings.of(baseUrl, pollInterval, httpTimeout, bootstrapServers);
    }

    @Singleton
    FeedStatus feedStatus(IngestorSettings settings) {
        return new FeedStatus(settings.feedBaseUrl());
    }

    /** Eager, so that bad settings stop the application at startup and polling begins at once. */
    @Context
    @Bean(preDestroy = "close")
    FeedPollingLoop pollingLoop(IngestorSettings settings, FeedStatus status) {
        Clock clock = Clock.systemUTC();
        String feedBaseUrl = settings.feedBaseUrl();
        KafkaWindowSink sink = new KafkaWindowSink(feedBaseUrl,
                KafkaWindowSink.producerConfig(settings.kafkaBootstrapServers(), feedBaseUrl),
                new CursorReader(settings.kafkaBootstrapServers(), CURSOR_READ_TIMEOUT));
        FeedPoller poller = new FeedPoller(feedBaseUrl, new HttpSalesFeed(feedBaseUrl, settings.httpTimeout(), clock),
                sink, settings.pollInterval(), new Backoff(RETRY_INITIAL, RETRY_MAX, RandomGenerator.getDefault()),
                clock, status);
        FeedPollingLoop loop = new FeedPollingLoop(poller, status);
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
