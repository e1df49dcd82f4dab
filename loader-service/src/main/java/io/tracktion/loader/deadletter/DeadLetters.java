package io.tracktion.loader.deadletter;

import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.Topics;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends records the loader cannot load to {@link Topics#SALES_DEAD_LETTER}, so that they are neither lost nor blocking. */
@Singleton
public class DeadLetters {

    public static final String STAGE_DECODE = "loader-service/decode";
    public static final String STAGE_INSERT = "loader-service/insert";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterClient client;

    public DeadLetters(DeadLetterClient client) {
        this.client = client;
    }

    /**
     * Sends every letter and waits until Kafka has acknowledged them all, so the caller may commit the
     * source offsets afterwards. Throws {@link DeadLetterException} if any could not be sent.
     */
    public void send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sent = letters.stream().<CompletableFuture<?>>map(this::send).toList();
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new DeadLetterException("Cannot send " + letters.size() + " records to "
                    + Topics.SALES_DEAD_LETTER.name(), e.getCause());
        }
    }

    private CompletableFuture<?> send(DeadLetter letter) {
        ConsumerRecord<byte[], byte[]> source = letter.source();
        LOG.warn("Dead-lettering {}-{}@{} at {}: {}", source.topic(), source.partition(), source.offset(),
                letter.stage(), DeadLetterHeaders.reason(letter.error()));
        try {
            return client.send(Topics.SALES_DEAD_LETTER.name(), source.key(), source.value(), headers(letter));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // e.g. the producer's max.block.ms ran out
        }
    }

    private static Headers headers(DeadLetter letter) {
        ConsumerRecord<byte[], byte[]> source = letter.source();
        return DeadLetterHeaders.of(source.headers(), letter.error(), letter.stage(),
                new DeadLetterHeaders.Source(source.topic(), source.partition(), source.offset()), Instant.now());
    }

    /** The dead-letter topic could not take the records; the batch must be retried, not committed. */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
