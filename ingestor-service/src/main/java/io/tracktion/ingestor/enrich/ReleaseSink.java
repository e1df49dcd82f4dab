package io.tracktion.ingestor.enrich;

import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what the release fetcher learnt: {@link Release} records to {@code bandcamp.releases}, unreadable pages
 * to {@code bandcamp.releases.dlq}. An idempotent producer, not a transactional one: a release record stands on
 * its own, and writing the same state twice to a compacted topic changes nothing.
 */
public class ReleaseSink implements AutoCloseable {

    /** A page's bytes in the dead-letter topic are cut here: enough to see what went wrong. */
    static final int MAX_DEAD_LETTER_PAGE = 1024 * 1024;
    private static final String STAGE = "ingestor-service/enrich";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final RegistryAvroSerde<Release> releases;

    public ReleaseSink(String bootstrapServers, SchemaRegistryConfig registry) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tracktion-ingestor-releases");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(2 * MAX_DEAD_LETTER_PAGE));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.releases = RegistryAvroSerde.release(registry);
    }

    /** Writes the release and waits until Kafka has it. */
    public void write(Release release) throws ReleaseSinkException, InterruptedException {
        String topic = Topics.RELEASES.name();
        byte[] value;
        try {
            value = releases.serialize(topic, release);
        } catch (RuntimeException e) { // the registry cannot be asked, or the record does not fit its schema
            throw new ReleaseSinkException("Cannot encode the release " + release.getUrl() + ": " + e.getMessage(), e);
        }
        send(new ProducerRecord<>(topic, release.getUrl(), value));
    }

    /** Writes an unreadable page (cut at 1 MiB) with its URL, status and the reason in headers. */
    public void deadLetter(Release unreadable, byte[] page, Instant at) throws ReleaseSinkException, InterruptedException {
        RecordHeaders headers = new RecordHeaders();
        var dead = DeadLetterHeaders.of(headers, unreadable.getProblem(), STAGE, null, at);
        DeadLetterHeaders.put(dead, DeadLetterHeaders.URL, unreadable.getUrl());
        DeadLetterHeaders.put(dead, DeadLetterHeaders.HTTP_STATUS, String.valueOf(unreadable.getHttpStatus()));
        byte[] value = page.length > MAX_DEAD_LETTER_PAGE ? Arrays.copyOf(page, MAX_DEAD_LETTER_PAGE) : page;
        send(new ProducerRecord<>(Topics.RELEASES_DEAD_LETTER.name(), null, unreadable.getUrl(), value, dead));
    }

    private void send(ProducerRecord<String, byte[]> record) throws ReleaseSinkException, InterruptedException {
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ReleaseSinkException("Kafka refused " + record.topic() + " record " + record.key() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new ReleaseSinkException("Kafka did not take " + record.topic() + " record " + record.key() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Kafka or the registry could not take a record: the fetch is tried again later. */
    public static final class ReleaseSinkException extends Exception {
        public ReleaseSinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
