package io.tracktion.alerts.matching;

import io.micronaut.configuration.kafka.ConsumerSeekAware;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.Topics;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alerts from tracktion.signals: every kind but {@code sale}. */
@KafkaListener(groupId = SignalsListener.GROUP_ID,
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        isolation = IsolationLevel.READ_COMMITTED, // the transformer writes in transactions
        batch = true,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCount = Integer.MAX_VALUE))
public class SignalsListener implements ConsumerSeekAware, AlertBatches.Matching<Signal> {

    public static final String GROUP_ID = "tracktion-alerts-signals";
    private static final Logger LOG = LoggerFactory.getLogger(SignalsListener.class);

    private final RegistryAvroSerde<Signal> serde;
    private final AlertBatches batches;
    private final ConsumerOffsets offsets;

    public SignalsListener(RegistryAvroSerde<Signal> serde, AlertBatches batches, ConsumerOffsets offsets) {
        this.serde = serde;
        this.batches = batches;
        this.offsets = offsets;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions, KafkaSeeker seeker) {
        offsets.seek(partitions, seeker);
    }

    @Topic(Topics.SIGNALS_NAME)
    public void receive(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        try {
            batches.process(records, this);
        } catch (SQLException | RuntimeException e) {
            throw Rewind.batch(records, consumer, "signals", e);
        }
    }

    @Override
    public Signal decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.warn("Skipping {}-{}@{}: not a Signal: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    @Override
    public void keys(Signal signal, Collection<String> entityKeys, Collection<String> countries) {
        entityKeys.addAll(AlertMatcher.keys(signal));
        if (signal.getCountry() != null) {
            countries.add(signal.getCountry());
        }
    }

    @Override
    public List<AlertMatcher.Match> matches(Signal signal, long publishedAtMillis,
                                            List<io.tracktion.alerts.subscriptions.Subscription> candidates) {
        return AlertMatcher.matches(signal, publishedAtMillis, candidates);
    }
}
