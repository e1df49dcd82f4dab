package io.tracktion.schemas;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic of the product: its name, partition count, topic configs, and the Avro record its values hold
 * ({@code null} for a topic of opaque bytes, such as the dead letters).
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, String valueRecord) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** The topic as Kafka's admin client creates it, with the cluster's replication factor. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor)).configs(configs);
    }

    /** The registry subject of the values, by the topic-name strategy: {@code <topic>-value}; empty for opaque bytes. */
    public Optional<String> valueSubject() {
        return valueRecord == null ? Optional.empty() : Optional.of(name + "-value");
    }
}
