package io.tracktion.launcher.kafka;

import io.tracktion.launcher.LaunchException;
import io.tracktion.launcher.process.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) as its own java process, run from the
 * Kafka jars in {@code kafka-lib}. Its storage, cluster id and generated configs live in {@code dir} and
 * survive restarts: the storage is formatted only the first time.
 */
public final class KafkaBroker {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path kafkaLib;
    private final Path dir;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private ServiceProcess process;

    public KafkaBroker(Path kafkaLib, Path dir, Path logFile, int port, int controllerPort) {
        this.kafkaLib = kafkaLib;
        this.dir = dir;
        this.logFile = logFile;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Writes the configs, formats the storage if this is the first start, and starts the broker. */
    public void start() throws IOException, LaunchException, InterruptedException {
        if (!containsBrokerJar(kafkaLib)) {
            throw new LaunchException("The Kafka broker's jars are missing from " + kafkaLib
                    + ". Build the launcher: mvn -B -q -DskipTests install (in the repository root).");
        }
        Files.createDirectories(logDirs());
        Path serverProperties = dir.resolve("server.properties");
        Files.writeString(serverProperties, serverProperties(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("log4j2.xml"), LOG4J2_CONFIG, StandardCharsets.UTF_8);
        if (!Files.exists(logDirs().resolve("meta.properties"))) {
            format(serverProperties);
        }
        process = ServiceProcess.startCommand("Kafka broker",
                java("-Xmx512m", "kafka.Kafka", serverProperties.toString()), Map.of(), dir, logFile);
    }

    /** The broker's process, once started. */
    public ServiceProcess process() {
        return process;
    }

    /**
     * SIGTERM (a controlled shutdown, ~2 s), SIGKILL if it takes longer than 30 s.
     *
     * @return false if it had to be killed
     */
    public boolean stop() {
        return process == null || process.stop(STOP_GRACE);
    }

    private void format(Path serverProperties) throws IOException, LaunchException, InterruptedException {
        ServiceProcess storageTool = ServiceProcess.startCommand("Kafka storage format",
                java("-Xmx256m", "kafka.tools.StorageTool", "format", "--standalone",
                        "-t", clusterId(), "-c", serverProperties.toString()),
                Map.of(), dir, logFile);
        if (!storageTool.awaitExit(FORMAT_TIMEOUT)) {
            storageTool.kill();
            throw new LaunchException(storageTool.failureReport("Formatting Kafka's storage timed out.", 30));
        }
        if (storageTool.exitCode() != 0) {
            throw new LaunchException(storageTool.failureReport(
                    "Formatting Kafka's storage failed (exit code " + storageTool.exitCode() + ").", 30));
        }
    }

    /** Generated once and kept: the storage is bound to it. */
    private String clusterId() throws IOException {
        Path file = dir.resolve("cluster-id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
        return id;
    }

    private List<String> java(String heap, String mainClass, String... args) {
        List<String> head = List.of(ServiceProcess.javaExecutable().toString(), heap,
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"),
                "-cp", kafkaLib.resolve("*").toString(), mainClass);
        return Stream.concat(head.stream(), Arrays.stream(args)).toList();
    }

    private Path logDirs() {
        return dir.resolve("data");
    }

    String serverProperties() {
        String controller = "localhost:" + controllerPort;
        return String.join(System.lineSeparator(),
                "# Written by the Tracktion launcher on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDirs(),
                "num.partitions=1",
                // One broker: every internal topic must make do with a single replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static boolean containsBrokerJar(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        }
    }

    /**
     * INFO for the broker's own story (start, listeners, raft, shutdown); WARN for what repeats per partition,
     * per request or per internal client: on a fresh broker those alone write thousands of lines a minute.
     */
    private static final String LOG4J2_CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN">
              <Appenders>
                <Console name="stdout" target="SYSTEM_OUT">
                  <PatternLayout pattern="%d{ISO8601} %-5p [%c{1}] %m%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Root level="INFO"><AppenderRef ref="stdout"/></Root>
                <Logger name="kafka.cluster.Partition" level="WARN"/>
                <Logger name="kafka.coordinator.transaction" level="WARN"/>
                <Logger name="org.apache.kafka.coordinator" level="WARN"/>
                <Logger name="org.apache.kafka.controller.ReplicationControlManager" level="WARN"/>
                <Logger name="org.apache.kafka.controller.PartitionChangeBuilder" level="WARN"/>
                <Logger name="org.apache.kafka.controller.ConfigurationControlManager" level="WARN"/>
                <Logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
                <Logger name="kafka.request.logger" level="WARN"/>
                <Logger name="state.change.logger" level="WARN"/>
                <Logger name="kafka.log" level="WARN"/>
                <Logger name="org.apache.kafka.storage.internals.log" level="WARN"/>
              </Loggers>
            </Configuration>
            """;

}
