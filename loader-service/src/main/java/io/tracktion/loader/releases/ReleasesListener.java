package io.tracktion.loader.releases;

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
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
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
 * Consumes {@code bandcamp.releases} and writes each poll to PostgreSQL in one transaction with its offsets, like
 * the sales ({@link Batches#loadInTransaction}). A record that cannot be decoded goes to the dead letters; a tombstone (a release
 * deleted from the cache) leaves the row as it is: the sales that name it still do. Any other failure retries
 * the whole batch.
 */
@KafkaListener(groupId = ReleasesListener.GROUP_ID,
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        isolation = IsolationLevel.READ_COMMITTED, // pending records come in the feed's transactions
        batch = true,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR,
                retryDelay = "${loader.retry-delay}", retryCount = Integer.MAX_VALUE))
public class ReleasesListener implements ConsumerSeekAware {

    public static final String GROUP_ID = "tracktion-loader-releases";

    private final RegistryAvroSerde<Release> serde;
    private final SchemaRegistryProbe registryProbe;
    private final ReleaseWriter writer;
    private final LoaderDatabase database;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;

    public ReleasesListener(RegistryAvroSerde<Release> serde, SchemaRegistryProbe registryProbe, ReleaseWriter writer,
                            LoaderDatabase database, DeadLetters deadLetters, @Value("${loader.retry-delay}") Duration retryDelay) {
        this.serde = serde;
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

    @Topic(Topics.RELEASES_NAME)
    public void receive(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        try {
            Batches.requireRegistrySeen(registryProbe);
            Batches.loadInTransaction(database, GROUP_ID, records, deadLetters, (connection, unwritten) -> {
                List<Release> releases = new ArrayList<>(unwritten.size());
                List<DeadLetter> rejects = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : unwritten) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        releases.add(serde.deserialize(record.topic(), record.value()));
                    } catch (SerializationException e) {
                        rejects.add(new DeadLetter(record, DeadLetters.STAGE_DECODE, e));
                    }
                }
                writer.write(connection, releases);
                return rejects;
            });
        } catch (SQLException | RuntimeException e) {
            throw Batches.notLoaded("release", records, consumer, retryDelay, e);
        }
    }
}
