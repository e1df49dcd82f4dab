package io.tracktion.ingestor.testing;

import io.tracktion.ingestor.cursor.CursorReader;
import io.tracktion.ingestor.feed.HttpSalesFeed;
import io.tracktion.ingestor.poll.Backoff;
import io.tracktion.ingestor.poll.FeedPoller;
import io.tracktion.ingestor.poll.FeedStatus;
import io.tracktion.ingestor.publish.KafkaWindowSink;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.SplittableRandom;

/** Ingestor instances wired like the application's, against a test broker and feed, with short retries. */
public final class Ingestors {

    private Ingestors() {
    }

    public static FeedPoller poller(KafkaCluster kafka, ScriptedFeedServer server, Duration interval, FeedStatus status) {
        return poller(kafka, server, interval, status, new Properties());
    }

    /** {@code producerOverrides} replace the application's producer settings (e.g. a small max.request.size). */
    public static FeedPoller poller(KafkaCluster kafka, ScriptedFeedServer server, Duration interval, FeedStatus status,
                                    Properties producerOverrides) {
        String baseUrl = server.baseUrl();
        Properties producerConfig = KafkaWindowSink.producerConfig(kafka.bootstrapServers(), baseUrl);
        producerConfig.putAll(producerOverrides);
        SchemaRegistryConfig registry = SchemaRegistry.shared();
        KafkaWindowSink sink = new KafkaWindowSink(baseUrl, producerConfig,
                new CursorReader(kafka.bootstrapServers(), Duration.ofSeconds(20), registry), registry);
        return new FeedPoller(baseUrl, new HttpSalesFeed(baseUrl, TestHttp.client(Duration.ofSeconds(5))), sink,
                interval, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), new SplittableRandom()),
                Clock.systemUTC(), status);
    }
}
