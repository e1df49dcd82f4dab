package io.tracktion.transformer.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The transformer's settings, from the environment (see application.yml), and the Kafka Streams
 * configuration made of them.
 */
public record TransformerSettings(String bootstrapServers, String applicationId, Path stateDir, int replicationFactor,
                                  Duration commitInterval) {

    /**
     * TRANSFORMER_COMMIT_INTERVAL's default, Kafka Streams' own under exactly-once: output is visible only once
     * committed, and a sale passes three commits on its way to its windows. Longer coalesces more state writes in
     * a catch-up (BENCHMARKS.md: 200 ms was some 6 % faster there, and some 150 ms later at p99 live).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public TransformerSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS is empty");
        }
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("TRANSFORMER_APPLICATION_ID is empty");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("KAFKA_REPLICATION_FACTOR must be at least 1, not " + replicationFactor);
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("TRANSFORMER_COMMIT_INTERVAL must be positive, not " + commitInterval);
        }
    }

    /** Settings as configured; a blank state dir means a {@code tracktion-transformer} folder in the temp dir. */
    public static TransformerSettings of(String bootstrapServers, String applicationId, String stateDir,
                                         int replicationFactor) {
        return of(bootstrapServers, applicationId, stateDir, replicationFactor, DEFAULT_COMMIT_INTERVAL);
    }

    /** Settings as configured; a blank state dir means a {@code tracktion-transformer} folder in the temp dir. */
    public static TransformerSettings of(String bootstrapServers, String applicationId, String stateDir,
                                         int replicationFactor, Duration commitInterval) {
        Path dir = stateDir == null || stateDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "tracktion-transformer")
                : Path.of(stateDir.strip());
        return new TransformerSettings(bootstrapServers.strip(), applicationId.strip(), dir, replicationFactor,
                commitInterval);
    }

    public Properties streamsConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        return config;
    }
}
