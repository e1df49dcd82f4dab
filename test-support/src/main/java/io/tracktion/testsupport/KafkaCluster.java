package io.tracktion.testsupport;

import io.tracktion.schemas.TopicSpec;
import io.tracktion.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft Kafka cluster in the test's JVM, from Kafka's own test kit. Register it
 * as a static JUnit extension:
 *
 * <pre>{@code @RegisterExtension static final KafkaCluster kafka = new KafkaCluster();}</pre>
 *
 * The broker starts before the class's tests and stops after them. All of {@link Topics#ALL} are
 * created at start.
 */
public final class KafkaCluster implements BeforeAllCallback, AfterAllCallback {

    private KafkaClusterTestKit cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Starts the broker; for use outside JUnit's lifecycle (e.g. a Micronaut TestPropertyProvider). */
    public synchronized void start() throws Exception {
        if (cluster != null) {
            return;
        }
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        started.format();
        started.startup();
        started.waitForReadyBrokers();
        cluster = started;
        createTopics(Topics.ALL);
    }

    /** Stops the broker; safe to call twice (the test kit's own close is not). */
    public synchronized void stop() throws Exception {
        if (cluster != null) {
            KafkaClusterTestKit c = cluster;
            cluster = null;
            c.close();
        }
    }

    public String bootstrapServers() {
        if (cluster == null) {
            throw new IllegalStateException("Kafka cluster not started");
        }
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates topics, leaving any that already exist. */
    public void createTopics(Collection<TopicSpec> topics) throws InterruptedException {
        try (Admin admin = admin()) {
            for (TopicSpec topic : topics) {
                try {
                    admin.createTopics(List.of(topic.newTopic((short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        }
    }

    /** Consumer properties for a fresh group reading committed records from the beginning. */
    public Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    /**
     * Reads every committed record of a topic, from the beginning, until no new record arrived for
     * {@code quiet} or {@code limit} has passed. Use it after the producer under test is done.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration quiet, Duration limit) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + limit.toNanos();
            long lastSeen = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - lastSeen < quiet.toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    lastSeen = System.nanoTime();
                }
            }
        }
        return records;
    }

    /**
     * Reads committed records of a topic from the beginning until at least {@code count} have
     * arrived, failing after {@code limit}. Then waits a short moment more to catch any extra ones.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAtLeast(String topic, int count, Duration limit) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + limit.toNanos();
            while (records.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Expected at least " + count + " records on " + topic
                            + " within " + limit + " but got " + records.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
