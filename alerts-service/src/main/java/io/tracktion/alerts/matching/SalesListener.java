package io.tracktion.alerts.matching;

import io.micronaut.configuration.kafka.ConsumerSeekAware;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.tracktion.alerts.subscriptions.Subscription;
import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.RegistryAvroSerde;
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

/**
 * Alerts of kind {@code sale} from tracktion.sales.enriched: a sale is alerted once per subscription, by the first
 * revision that counts it for the subscription's entity (a re-attribution can make it count for an artist later).
 */
@KafkaListener(groupId = SalesListener.GROUP_ID,
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        isolation = IsolationLevel.READ_COMMITTED,
        batch = true,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCount = Integer.MAX_VALUE))
public class SalesListener implements ConsumerSeekAware, AlertBatches.Matching<EnrichedSale> {

    public static final String GROUP_ID = "tracktion-alerts-sales";
    private static final Logger LOG = LoggerFactory.getLogger(SalesListener.class);

    private final RegistryAvroSerde<EnrichedSale> serde;
    private final AlertBatches batches;
    private final ConsumerOffsets offsets;

    public SalesListener(RegistryAvroSerde<EnrichedSale> serde, AlertBatches batches, ConsumerOffsets offsets) {
        this.serde = serde;
        this.batches = batches;
        this.offsets = offsets;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions, KafkaSeeker seeker) {
        offsets.seek(partitions, seeker);
    }

    @Topic(Topics.SALES_ENRICHED_NAME)
    public void receive(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        try {
            batches.process(records, this);
        } catch (SQLException | RuntimeException e) {
            throw Rewind.batch(records, consumer, "enriched sales", e);
        }
    }

    @Override
    public EnrichedSale decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.warn("Skipping {}-{}@{}: not an EnrichedSale: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    @Override
    public void keys(EnrichedSale sale, Collection<String> entityKeys, Collection<String> countries) {
        entityKeys.addAll(AlertMatcher.keys(sale));
        String country = AlertMatcher.country(sale);
        if (country != null) {
            countries.add(country);
        }
    }

    @Override
    public List<AlertMatcher.Match> matches(EnrichedSale sale, long publishedAtMillis, List<Subscription> candidates) {
        return AlertMatcher.matches(sale, publishedAtMillis, candidates);
    }
}
