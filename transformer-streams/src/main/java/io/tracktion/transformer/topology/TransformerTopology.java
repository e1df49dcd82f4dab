package io.tracktion.transformer.topology;

import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.Topics;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.transformer.dedup.DeduplicationProcessor;
import io.tracktion.transformer.delta.DeltaPartitioner;
import io.tracktion.transformer.delta.Deltas;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.enrich.Enrichment;
import io.tracktion.transformer.signals.EntitySignalsProcessor;
import io.tracktion.transformer.state.ObjectCacheStore;
import io.tracktion.transformer.state.ObjectCacheStores;
import io.tracktion.transformer.stats.Interval;
import io.tracktion.transformer.stats.StatsProcessor;
import io.tracktion.transformer.trending.ChartsProcessor;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The transformer's topology, a pure function of the registry's address and the analytics settings, in four
 * parts:
 *
 * <pre>
 * parse:     bandcamp.sales.raw ─ parse ─┬─ dedup(seen-sale-ids) ─────────────────── tracktion.sales
 *                                        └─ rejected, original bytes ────────────── tracktion.sales.dlq
 * enrich:    sales by release URL + bandcamp.releases ─ Enrichment ───────────────── tracktion.sales.enriched
 * aggregate: enriched ─ Deltas (one record per analytics partition) ─┬─ StatsProcessor ─ tracktion.stats.minute|hour|day
 * signals:                                                           ├─ EntitySignalsProcessor ─ tracktion.signals
 * trending:                                                          └─ ChartsProcessor ─ tracktion.trending (+ signals)
 * </pre>
 *
 * Everything after parsing runs in event time (the sale's time); nothing inside talks to the outside world.
 */
public final class TransformerTopology {

    /** How long a saleId is remembered, in record (stream) time. */
    public static final Duration DEDUP_RETENTION = Duration.ofHours(48);

    /**
     * Partitions of the analytics repartition topic. Entities are spread over them by key; changing the number moves
     * entities between tasks, so it needs a reset of the application's state.
     */
    public static final int ANALYTICS_PARTITIONS = 3;

    private static final String PARSED = "parsed";
    private static final String REJECTED = "rejected";
    private static final String OUTCOME_PREFIX = "parse-";

    private TransformerTopology() {
    }

    /** With the default analytics settings. */
    public static Topology buildTopology(SchemaRegistryConfig registry) {
        return buildTopology(registry, AnalyticsSettings.DEFAULTS);
    }

    /** @param registry where the serdes find schema ids (Confluent wire format; old single-object records read too) */
    public static Topology buildTopology(SchemaRegistryConfig registry, AnalyticsSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Sale> sales = parse(builder, registry);
        // A sale written as unknown stays re-attributable as long as its day window can still be corrected.
        Duration reattributable = settings.statsRetention().plus(Duration.ofDays(1)).plus(settings.statsGrace());
        KStream<String, EnrichedSale> enriched = Enrichment.enrich(builder, sales, RegistryAvroSerde.release(registry),
                settings.enrichWait(), reattributable);
        enriched.to(Topics.SALES_ENRICHED.name(), Produced.with(Serdes.String(), RegistryAvroSerde.enrichedSale(registry))
                .withName("sales-enriched"));
        KStream<String, SaleDelta> deltas = deltas(enriched);
        aggregate(builder, deltas, registry, settings);
        signals(builder, deltas, registry, settings);
        trending(builder, deltas, registry, settings);
        return builder.build();
    }

    /** Raw sales (bytes) → decode and parse → deduplicated on saleId → tracktion.sales; bad records dead-lettered. */
    private static KStream<String, Sale> parse(StreamsBuilder builder, SchemaRegistryConfig registry) {
        RegistryAvroSerde<RawSale> rawSales = RegistryAvroSerde.rawSale(registry);
        // The window store is only a time-indexed set of ids: windows as long as the retention.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.SEEN_SALE_IDS, DEDUP_RETENTION, DEDUP_RETENTION, false),
                Serdes.String(), Serdes.Long()));

        Map<String, KStream<String, ParseOutcome>> outcomes = builder
                .stream(Topics.RAW_SALES.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("raw-sales"))
                .process(() -> new ParseProcessor(rawSales), Named.as("parse"))
                .split(Named.as(OUTCOME_PREFIX))
                .branch((saleId, outcome) -> outcome.isParsed(), Branched.as(PARSED))
                .defaultBranch(Branched.as(REJECTED));

        KStream<String, Sale> sales = outcomes.get(OUTCOME_PREFIX + PARSED)
                .mapValues(ParseOutcome::sale, Named.as("sale"))
                .process(() -> new DeduplicationProcessor<>(StoreNames.SEEN_SALE_IDS, DEDUP_RETENTION),
                        Named.as("dedup"), StoreNames.SEEN_SALE_IDS);
        sales.to(Topics.SALES.name(), Produced.with(Serdes.String(), RegistryAvroSerde.sale(registry)).withName("sales"));

        outcomes.get(OUTCOME_PREFIX + REJECTED)
                .map((none, outcome) -> KeyValue.pair(outcome.rejectedKey(), outcome.rejectedValue()),
                        Named.as("original-bytes"))
                .to(Topics.SALES_DEAD_LETTER.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letters"));
        return sales;
    }

    /** Each enriched sale, as one delta per analytics partition holding that partition's entities and charts. */
    static KStream<String, SaleDelta> deltas(KStream<String, EnrichedSale> enriched) {
        return enriched
                .flatMap((saleId, sale) -> Deltas.split(sale, ANALYTICS_PARTITIONS).entrySet().stream()
                        .map(delta -> KeyValue.pair(DeltaPartitioner.key(delta.getKey(), saleId, sale.getRevision()),
                                delta.getValue()))
                        .toList(), Named.as("deltas"))
                .repartition(Repartitioned.with(Serdes.String(), SaleDelta.SERDE)
                        .withName("sale-deltas")
                        .withNumberOfPartitions(ANALYTICS_PARTITIONS)
                        .withStreamPartitioner(new DeltaPartitioner()));
    }

    private static void aggregate(StreamsBuilder builder, KStream<String, SaleDelta> deltas,
                                  SchemaRegistryConfig registry, AnalyticsSettings settings) {
        builder.addStateStore(cached(StoreNames.STATS_WINDOWS, StatsProcessor.storeSerde()));
        builder.addStateStore(cached(StoreNames.STATS_CART_ITEMS, StatsProcessor.cartSerde()));
        builder.addStateStore(cached(StoreNames.STATS_CLOCK, Serdes.Long()));
        deltas.process(() -> new StatsProcessor(settings.statsGrace(), settings.statsRetention(), settings.emitInterval()),
                        Named.as("stats"), StoreNames.STATS_WINDOWS, StoreNames.STATS_CART_ITEMS,
                        StoreNames.STATS_CLOCK)
                .to((key, window, context) -> Interval.ofId(window.getInterval()).topic(),
                        Produced.with(Serdes.String(), RegistryAvroSerde.statsWindow(registry)).withName("stats-windows"));
    }

    private static void signals(StreamsBuilder builder, KStream<String, SaleDelta> deltas,
                                SchemaRegistryConfig registry, AnalyticsSettings settings) {
        builder.addStateStore(cached(StoreNames.ENTITY_HISTORY, EntitySignalsProcessor.storeSerde()));
        deltas.process(() -> new EntitySignalsProcessor(settings.spikeRules()), Named.as("entity-signals"),
                        StoreNames.ENTITY_HISTORY)
                .to(Topics.SIGNALS.name(), Produced.with(Serdes.String(), RegistryAvroSerde.signal(registry))
                        .withName("entity-signals-out"));
    }

    private static void trending(StreamsBuilder builder, KStream<String, SaleDelta> deltas,
                                 SchemaRegistryConfig registry, AnalyticsSettings settings) {
        builder.addStateStore(cached(StoreNames.CHART_ENTRIES, ChartsProcessor.totalsSerde()));
        builder.addStateStore(cached(StoreNames.CHART_CLOCK, Serdes.Long()));
        Map<String, KStream<String, SpecificRecord>> out = deltas
                .process(() -> new ChartsProcessor(settings.emitInterval(), settings.chartEntryMinUnits()),
                        Named.as("charts"), StoreNames.CHART_ENTRIES, StoreNames.CHART_CLOCK)
                .split(Named.as("charts-"))
                .branch((key, value) -> value instanceof TrendingChart, Branched.as("trending"))
                .defaultBranch(Branched.as("signals"));
        out.get("charts-trending").mapValues(value -> (TrendingChart) value, Named.as("trending-charts"))
                .to(Topics.TRENDING.name(), Produced.with(Serdes.String(), RegistryAvroSerde.trendingChart(registry))
                        .withName("trending-out"));
        out.get("charts-signals").mapValues(value -> (Signal) value, Named.as("chart-entries"))
                .to(Topics.SIGNALS.name(), Produced.with(Serdes.String(), RegistryAvroSerde.signal(registry))
                        .withName("chart-signals-out"));
    }

    /** A persistent, changelogged store behind a cache of live objects (see {@link ObjectCacheStore}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static StoreBuilder<?> cached(String name, Serde<?> valueSerde) {
        return ObjectCacheStores.persistent(name, (Serde) valueSerde);
    }
}
