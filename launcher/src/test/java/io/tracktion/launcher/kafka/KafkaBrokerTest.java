package io.tracktion.launcher.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.process.Ports;
import io.tracktion.schemas.TopicSpec;
import io.tracktion.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real broker process, from the jars the build copied to target/kafka-lib, on free ports. */
@Timeout(180)
class KafkaBrokerTest {

    private static final Path KAFKA_LIB = Repo.locate().kafkaLibDir();

    @TempDir
    Path dir;

    @Test
    void startsCreatesTheProductTopicsCarriesARecordAndStopsCleanly() throws Exception {
        int port = Ports.findFree();
        int controllerPort = Ports.findFree();
        KafkaBroker broker = new KafkaBroker(KAFKA_LIB, dir.resolve("kafka"), dir.resolve("logs/kafka.log"),
                port, controllerPort);
        try {
            broker.start();
            try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers(), (short) 1)) {
                topics.awaitReady(broker.process(), Duration.ofSeconds(90));
                List<String> allNames = Topics.ALL.stream().map(TopicSpec::name).toList();
                assertEquals(allNames, topics.createMissing(Topics.ALL));
                assertEquals(List.of(), topics.createMissing(Topics.ALL), "a second run finds them all");
            }
            roundTrip(broker.bootstrapServers(), Topics.SALES.name());
        } finally {
            broker.stop();
        }
        assertFalse(broker.process().isAlive());
        assertEquals(143, broker.process().exitCode(), "stopped by SIGTERM within the grace period");
        String log = Files.readString(dir.resolve("logs/kafka.log"));
        assertTrue(log.contains("INFO"), "the broker logs at INFO through our log4j2 config");
        assertTrue(Files.readString(dir.resolve("kafka/cluster-id")).strip().length() > 10);
        assertTrue(Files.exists(dir.resolve("kafka/data/meta.properties")), "storage formatted once, in the data dir");

        KafkaBroker restarted = new KafkaBroker(KAFKA_LIB, dir.resolve("kafka"), dir.resolve("logs/kafka.log"),
                port, controllerPort);
        try {
            restarted.start();
            try (KafkaTopics topics = new KafkaTopics(restarted.bootstrapServers(), (short) 1)) {
                topics.awaitReady(restarted.process(), Duration.ofSeconds(90));
                assertEquals(List.of(), topics.createMissing(Topics.ALL), "the restarted broker kept its topics");
            }
        } finally {
            restarted.stop();
        }
        assertEquals(1, countOccurrences(Files.readString(dir.resolve("logs/kafka.log")), "=== Kafka storage format started"),
                "formatted only on the first start");
    }

    private static int countOccurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static void roundTrip(String bootstrap, String topic) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "sale-1", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "launcher-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            while (received.isEmpty()) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertEquals("sale-1", received.get(0).key());
            assertEquals("hello", received.get(0).value());
        }
    }
}
