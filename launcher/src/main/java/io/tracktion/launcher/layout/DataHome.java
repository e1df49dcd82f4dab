package io.tracktion.launcher.layout;

import java.nio.file.Path;

/**
 * The data folder of {@code ./tracktion up} ({@code <repo>/.tracktion} by default), kept across restarts:
 * the broker's storage, PostgreSQL's data, the transformer's state and one log file per process.
 */
public record DataHome(Path dir) {

    public DataHome {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The default: {@code <repo>/.tracktion}. */
    public static DataHome in(Repo repo) {
        return new DataHome(repo.root().resolve(".tracktion"));
    }

    /** Broker storage ({@code data/}), cluster id and the generated broker configs. */
    public Path kafkaDir() {
        return dir.resolve("kafka");
    }

    public Path postgresDataDir() {
        return dir.resolve("postgres");
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    /** One log file per process, e.g. {@code kafka.log}, {@code ingestor-service.log}. */
    public Path logFile(String processName) {
        return logsDir().resolve(processName + ".log");
    }

    /** Kafka Streams state of the transformer. */
    public Path transformerStateDir() {
        return dir.resolve("state").resolve("transformer");
    }
}
