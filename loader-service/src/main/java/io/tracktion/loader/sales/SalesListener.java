package io.tracktion.loader.sales;

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
import io.tracktion.loader.sales.WriteResult.Rejection;
import io.tracktion.loader.status.LoaderStats;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.SchemaRegistryUnavailableException;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.Topics;
import java.sql.Connection;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code tracktion.sales} a poll at a time and writes each poll to PostgreSQL in one transaction, with
 * the offsets after it ({@link DatabaseOffsets}): a crash at any instant neither loses nor doubles a row. The
 * insert is idempotent on the sale's key as well, the second line of defence. Kafka's committed offsets follow
 * after the transaction, for the tools that show lag.
 *
 * <p>A record that cannot be decoded or that the table refuses goes to the dead-letter topic and the
 * rest of the batch carries on. Any other failure (PostgreSQL, Kafka or the schema registry unreachable) fails
 * the whole batch: the consumer goes back to the batch's first offsets, commits nothing and tries again after
 * {@code loader.retry-delay}, for as long as it takes.
 *
 * <p>{@code loader.sales-consumers} consumers run in the process, each on its own partitions with its own connection
 * and transactions: while PostgreSQL copies one's batch, another polls and decodes its next. Their offsets are
 * stored per partition, so each batch is still exactly once.
 */
@KafkaListener(groupId = SalesListener.GROUP_ID,
        threadsValue = "${loader.sales-consumers}",
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        isolation = IsolationLevel.READ_COMMITTED, // the producers are transactional
        batch = true,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR,
                retryDelay = "${loader.retry-delay}", retryCount = Integer.MAX_VALUE))
public class SalesListener implements ConsumerSeekAware {

    public static final String GROUP_ID = "tracktion-loader";

    private static final Logger LOG = LoggerFactory.getLogger(SalesListener.class);

    private final RegistryAvroSerde<Sale> serde;
    private final SchemaRegistryProbe registryProbe;
    private final SaleWriter writer;
    private final LoaderDatabase database;
    private final DeadLetters deadLetters;
    private final LoaderStats stats;
    private final Duration retryDelay;

    public SalesListener(RegistryAvroSerde<Sale> serde, SchemaRegistryProbe registryProbe, SaleWriter writer,
                         LoaderDatabase database, DeadLetters deadLetters, LoaderStats stats,
                         @Value("${loader.retry-delay}") Duration retryDelay) {
        this.serde = serde;
        this.registryProbe = registryProbe;
        this.writer = writer;
        this.database = database;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.retryDelay = retryDelay;
    }

    /**
     * Resumes each partition where the database says: the offset stored with the last rows it wrote. The writer
     * forgets the release spans it remembered, which a database taken back to those offsets may no longer hold.
     */
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions, KafkaSeeker seeker) {
        writer.forgetCommittedSpans();
        Batches.seekToStored(database.offsets(), GROUP_ID, partitions, seeker);
    }

    @Topic(Topics.SALES_NAME)
    public void receive(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        try {
            Batches.requireRegistrySeen(registryProbe);
            Loaded[] loaded = {null};
            Batches.loadInTransaction(database, GROUP_ID, records, deadLetters, (connection, unwritten) -> {
                loaded[0] = load(connection, unwritten);
                return loaded[0].rejects();
            });
            WriteResult written = loaded[0].written();
            writer.committed(written);
            stats.batchLoaded(records.count(), written.inserted(),
                    written.alreadyPresent() + records.count() - loaded[0].unwritten(), loaded[0].rejects().size());
        } catch (SQLException | RuntimeException e) {
            writer.forgetCommittedSpans();
            Batches.rewind(records, consumer);
            stats.batchFailed(e);
            LOG.warn("Batch of {} records ({}) not loaded, offsets not committed; retrying in {} ms (failure {} in a row): {}",
                    records.count(), OffsetRanges.of(records), retryDelay.toMillis(), stats.consecutiveFailures(),
                    describe(e));
            throw new BatchNotLoadedException(e);
        }
    }

    /** In the transaction: the records not written yet, decoded and written. */
    private Loaded load(Connection connection, List<ConsumerRecord<byte[], byte[]>> unwritten) throws SQLException {
        List<ConsumerRecord<byte[], byte[]>> decoded = new ArrayList<>(unwritten.size());
        List<Sale> sales = new ArrayList<>(unwritten.size());
        List<DeadLetter> rejects = new ArrayList<>();
        // A SchemaRegistryUnavailableException is no bad record: it fails the batch, to be tried again.
        for (ConsumerRecord<byte[], byte[]> record : unwritten) {
            try {
                sales.add(decode(record));
                decoded.add(record);
            } catch (SerializationException e) {
                rejects.add(new DeadLetter(record, DeadLetters.STAGE_DECODE, e));
            }
        }
        WriteResult written = writer.write(connection, sales);
        for (Rejection rejection : written.rejected()) {
            rejects.add(new DeadLetter(decoded.get(rejection.index()), DeadLetters.STAGE_INSERT, rejection.error()));
        }
        return new Loaded(unwritten.size(), written, rejects);
    }

    /** What a batch's transaction did: records past the stored offsets, what the writer did with them, dead letters. */
    private record Loaded(int unwritten, WriteResult written, List<DeadLetter> rejects) {
    }

    /** The error and, if different, its root cause: a pool timeout alone does not say why PostgreSQL is unreachable. */
    private static String describe(Exception error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error + " (cause: " + root + ")";
    }

    private Sale decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new SerializationException("Record has no value");
        }
        return serde.deserialize(record.topic(), record.value());
    }


    /** Thrown to make the listener retry the batch instead of committing it. */
    static final class BatchNotLoadedException extends RuntimeException {
        BatchNotLoadedException(Exception cause) {
            super("Batch not loaded: " + cause.getMessage(), cause);
        }
    }
}
