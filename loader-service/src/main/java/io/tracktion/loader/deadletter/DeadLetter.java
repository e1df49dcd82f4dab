package io.tracktion.loader.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record the loader gives up on, and why.
 *
 * @param source the record as consumed
 * @param stage  where it failed, {@link DeadLetters#STAGE_DECODE} or {@link DeadLetters#STAGE_INSERT}
 * @param error  the reason
 */
public record DeadLetter(ConsumerRecord<byte[], byte[]> source, String stage, Exception error) {
}
