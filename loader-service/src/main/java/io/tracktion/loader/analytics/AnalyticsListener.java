package io.tracktion.loader.analytics;

import io.micronaut.configuration.kafka.ConsumerSeekAware;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import io.micronaut.context.annotation.Value;
import io.tracktion.loader.batch.Batches;
import io.tracktion.loader.batch.LoaderDatabase;
import io.tracktion.loader.deadletter.DeadLetter;
import io.tracktion.loader.deadletter.DeadLetters;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.Topics;
import io.tracktion.schemas.TrendingChart;
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
 * Consumes the transformer's results ({@code tracktion.stats.minute}, {@code .hour}, {@code .day},
 * {@code tracktion.signals}, {@code tracktion.trending}) and writes each poll in one transaction with its offsets,
 * like the sales ({@link Batches#loadInTransaction}): the API reads rollups, signals and charts from there.
 */
@KafkaListener(groupId = AnalyticsListener.GROUP_ID,
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        isolation = IsolationLevel.READ_COMMITTED, // the transformer writes in transactions
        batch = true,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR,
                retryDelay = "${loader.retry-delay}", retryCount = Integer.MAX_VALUE))
public class AnalyticsListener implements ConsumerSeekAware {

    public static final String GROUP_ID = "tracktion-loader-analytics";

    private final RegistryAvroSerde<StatsWindow> windowSerde;
    private final RegistryAvroSerde<Signal> signalSerde;
    private final RegistryAvroSerde<TrendingChart> chartSerde;
    private final SchemaRegistryProbe registryProbe;
    private final AnalyticsWriter writer;
    private final LoaderDatabase database;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;

    public AnalyticsListener(SchemaRegistryConfig registry, SchemaRegistryProbe registryProbe, AnalyticsWriter writer,
                             LoaderDatabase database, DeadLetters deadLetters,
                             @Value("${loader.retry-delay}") Duration retryDelay) {
        this.windowSerde = RegistryAvroSerde.statsWindow(registry);
        this.signalSerde = RegistryAvroSerde.signal(registry);
        this.chartSerde = RegistryAvroSerde.trendingChart(registry);
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

    @Topic({Topics.STATS_MINUTE_NAME, Topics.STATS_HOUR_NAME, Topics.STATS_DAY_NAME, Topics.SIGNALS_NAME,
            Topics.TRENDING_NAME})
    public void receive(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        try {
            Batches.requireRegistrySeen(registryProbe);
            Batches.loadInTransaction(database, GROUP_ID, records, deadLetters, (connection, unwritten) -> {
                List<StatsWindow> windows = new ArrayList<>();
                List<Signal> signals = new ArrayList<>();
                List<TrendingChart> charts = new ArrayList<>();
                List<DeadLetter> rejects = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : unwritten) {
                    if (record.value() == null) {
                        continue; // the transformer writes no tombstones; a compaction tool might
                    }
                    try {
                        switch (record.topic()) {
                            case Topics.SIGNALS_NAME -> signals.add(signalSerde.deserialize(record.topic(), record.value()));
                            case Topics.TRENDING_NAME -> charts.add(chartSerde.deserialize(record.topic(), record.value()));
                            default -> windows.add(windowSerde.deserialize(record.topic(), record.value()));
                        }
                    } catch (SerializationException e) {
                        rejects.add(new DeadLetter(record, DeadLetters.STAGE_DECODE, e));
                    }
                }
                writer.writeWindows(connection, windows);
                writer.writeSignals(connection, signals);
                writer.writeCharts(connection, charts);
                return rejects;
            });
        } catch (SQLException | RuntimeException e) {
            throw Batches.notLoaded("analytics", records, consumer, retryDelay, e);
        }
    }
}
