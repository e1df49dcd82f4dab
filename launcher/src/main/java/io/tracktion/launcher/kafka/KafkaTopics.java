package io.tracktion.launcher.kafka;

import io.tracktion.launcher.LaunchException;
import io.tracktion.launcher.process.ServiceProcess;
import io.tracktion.schemas.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;

/** Waits for a broker to answer, and creates the product's topics that do not exist yet. */
public final class KafkaTopics implements AutoCloseable {

    private final String bootstrapServers;
    private final short replicationFactor;
    private final Admin admin;

    public KafkaTopics(String bootstrapServers, short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /**
     * Polls {@code describeCluster} until it answers. Fails early if {@code broker} (the broker's process,
     * null for an external Kafka) exits.
     */
    public void awaitReady(ServiceProcess broker, Duration timeout) throws LaunchException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (broker != null && !broker.isAlive()) {
                throw new LaunchException(broker.failureReport(
                        "The Kafka broker exited with code " + broker.exitCode() + " while starting.", 30));
            }
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).clusterId().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    String why = "Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s.";
                    throw new LaunchException(broker == null ? why : broker.failureReport(why, 30));
                }
                Thread.sleep(500);
            }
        }
    }

    /** Creates the topics of {@code specs} that are missing; returns the names it created. */
    public List<String> createMissing(List<TopicSpec> specs) throws LaunchException, InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> spec.newTopic(replicationFactor))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new LaunchException("Could not create the Kafka topics at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
