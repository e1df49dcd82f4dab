package io.tracktion.loader.deadletter;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.messaging.annotation.MessageBody;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/** Producer of dead-letter records: the original key and value bytes, untouched, and the reason in headers. */
@KafkaClient(id = "loader-dead-letters", acks = KafkaClient.Acknowledge.ALL)
public interface DeadLetterClient {

    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey byte[] key, @MessageBody byte[] value,
                                           Headers headers);
}
