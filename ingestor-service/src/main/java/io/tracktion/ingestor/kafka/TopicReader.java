package io.tracktion.ingestor.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic, committed records only, from the beginning to the end offsets taken at the start: how the
 * ingestor gets its state back from its compacted topics (the cursor, the release cache); and follows one from there.
 * No consumer group.
 */
public final class TopicReader {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

    private final String bootstrapServers;
    private final String clientId;

    public TopicReader(String bootstrapServers, String clientId) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
    }

    /**
     * Hands every record to {@code each}, partition by partition in offset order.
     *
     * @param timeout bound for each broker call and for the whole read
     * @throws KafkaException the topic does not exist, the broker cannot be reached, or the read took too long
     */
    public Map<TopicPartition, Long> readToEnd(String topic, Duration timeout, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config(timeout), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new KafkaException("Topic " + topic + " does not exist; create the product topics first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed these are the last stable offsets: no open transaction is waited for.
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, endOffsets, timeout)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Reading " + topic + " to its end took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(record);
                }
            }
            return endOffsets;
        }
    }

    /**
     * Follows a topic from {@code offsets} on, on a thread of its own, handing every new committed record to
     * {@code each} until {@link Follower#close()}. Broker trouble is waited out by the consumer itself.
     */
    public Follower follow(Map<TopicPartition, Long> offsets, String threadName, Consumer<ConsumerRecord<String, byte[]>> each) {
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config(Duration.ofSeconds(30)), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(offsets.keySet());
        offsets.forEach(consumer::seek);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (true) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                        each.accept(record);
                    }
                }
            } catch (WakeupException e) {
                // closed
            } catch (RuntimeException e) {
                LOG.error("Following {} stopped: {}", offsets.keySet(), e.toString(), e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return new Follower(consumer, thread);
    }

    /** A topic being followed; {@link #close()} stops it. */
    public static final class Follower implements AutoCloseable {
        private final KafkaConsumer<?, ?> consumer;
        private final Thread thread;

        private Follower(KafkaConsumer<?, ?> consumer, Thread thread) {
            this.consumer = consumer;
            this.thread = thread;
        }

        @Override
        public void close() {
            consumer.wakeup(); // the one thread-safe call: the follower's poll ends, and it closes its consumer
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> endOffsets,
                                      Duration timeout) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
    }

    private Properties config(Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return props;
    }
}
