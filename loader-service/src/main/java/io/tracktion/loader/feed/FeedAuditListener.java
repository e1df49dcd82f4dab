package io.tracktion.loader.feed;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Value;
import io.micronaut.configuration.kafka.ConsumerSeekAware;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.tracktion.loader.batch.Batches;
import io.tracktion.loader.batch.LoaderDatabase;
import io.tracktion.loader.deadletter.DeadLetter;
import io.tracktion.loader.deadletter.DeadLetters;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Consumes the feed's audit topics (windows received, gaps) into PostgreSQL, a poll per transaction, offsets
 * committed after it; records that cannot be decoded are dead-lettered, other failures retry the batch.
 */
@KafkaListener(groupId = FeedAuditListener.GROUP_ID,
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        isolation = IsolationLevel.READ_COMMITTED, // written in the feed windows' transactions
        batch = true,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR,
                retryDelay = "${loader.retry-delay}", retryCount = Integer.MAX_VALUE))
public class FeedAuditListener implements ConsumerSeekAware {

    public static final String GROUP_ID = "tracktion-loader-feed-audit";

    private final RegistryAvroSerde<FeedWindowReceived> windowSerde;
    private final RegistryAvroSerde<FeedGap> gapSerde;
    private final SchemaRegistryProbe registryProbe;
    private final FeedAuditWriter writer;
    private final LoaderDatabase database;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;

    public FeedAuditListener(SchemaRegistryConfig registry, SchemaRegistryProbe registryProbe, FeedAuditWriter writer,
                             LoaderDatabase database, DeadLetters deadLetters, @Value("${loader.retry-delay}") Duration retryDelay) {
        this.windowSerde = RegistryAvroSerde.feedWindowReceived(registry);
        this.gapSerde = RegistryAvroSerde.feedGap(registry);
        this.registryProbe = registryProbe;
        this.writer = writer;
        this.database = database;
        this.deadLetters = deadLetters;
        this.retryDelay = retryDelay;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions, KafkaSeeker seeker) {
        Batches.seekToStored(database.offsets(), GROUP_ID, partitions, seeker);
    }

    @Topic({Topics.FEED_WINDOWS_NAME, Topics.FEED_GAPS_NAME})
    public void receive(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        try {
            Batches.requireRegistrySeen(registryProbe);
            Batches.loadInTransaction(database, GROUP_ID, records, deadLetters, (connection, unwritten) -> {
                List<FeedWindowReceived> windows = new ArrayList<>();
                List<FeedGap> gaps = new ArrayList<>();
                List<DeadLetter> rejects = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : unwritten) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        if (record.topic().equals(Topics.FEED_GAPS_NAME)) {
                            gaps.add(gapSerde.deserialize(record.topic(), record.value()));
                        } else {
                            windows.add(windowSerde.deserialize(record.topic(), record.value()));
                        }
                    } catch (SerializationException e) {
                        rejects.add(new DeadLetter(record, DeadLetters.STAGE_DECODE, e));
                    }
                }
                writer.write(connection, windows, gaps);
                return rejects;
            });
        } catch (SQLException | RuntimeException e) {
            throw Batches.notLoaded("feed audit", records, consumer, retryDelay, e);
        }
    }
}
