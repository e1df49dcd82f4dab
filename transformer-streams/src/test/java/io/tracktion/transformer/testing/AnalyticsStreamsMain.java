package io.tracktion.transformer.testing;

import static org.awaitility.Awaitility.await;

import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.transformer.signals.SpikeRules;
import io.tracktion.transformer.streams.TransformerSettings;
import io.tracktion.transformer.streams.TransformerStreams;
import io.tracktion.transformer.topology.AnalyticsSettings;
import io.tracktion.transformer.topology.TransformerTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The transformer's topology and Kafka Streams client, as the service runs them, in a process of its own that a
 * test can kill: {@code <bootstrap servers> <application id> <state dir> <registry URL>}. Prints RUNNING once it is.
 */
public final class AnalyticsStreamsMain {

    /** Quicker than the defaults, so a test sees sales written as unknown and windows written soon. */
    public static final AnalyticsSettings SETTINGS = new AnalyticsSettings(Duration.ofSeconds(2), Duration.ofMinutes(10),
            Duration.ofDays(2), Duration.ofSeconds(1), SpikeRules.DEFAULTS, 3);

    private AnalyticsStreamsMain() {
    }

    public static Properties config(String bootstrap, String applicationId, String stateDir) {
        Properties config = TransformerSettings.of(bootstrap, applicationId, stateDir, 1).streamsConfig();
        // A killed instance's partitions move to the survivor within seconds instead of 45.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        return config;
    }

    public static void main(String[] args) throws InterruptedException {
        SchemaRegistryConfig registry = SchemaRegistryConfig.of(args[3]);
        TransformerStreams streams = new TransformerStreams(TransformerTopology.buildTopology(registry, SETTINGS),
                config(args[0], args[1], args[2]));
        Thread reporter = new Thread(() -> {
            await().forever().pollInterval(Duration.ofMillis(100)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            System.out.println("RUNNING");
            System.out.flush();
        });
        reporter.setDaemon(true);
        streams.start();
        reporter.start();
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        Thread.currentThread().join(); // until killed
    }
}
