package io.tracktion.transformer.topology;

import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import io.tracktion.transformer.dedup.DeduplicationProcessor;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The transformer's topology, a pure function of the registry's address: raw sales (bytes) → decode and
 * parse → parsed sales are deduplicated on saleId and written to {@code tracktion.sales}; records that
 * cannot be decoded or parsed go, as their original bytes, to {@code tracktion.sales.dlq}.
 *
 * <pre>
 * bandcamp.sales.raw ─ parse ─┬─ parsed ── dedup(seen-sale-ids) ── tracktion.sales
 *                             └─ rejected ─ original bytes ─────── tracktion.sales.dlq
 * </pre>
 */
public final class TransformerTopology {

    /** How long a saleId is remembered, in record (stream) time. */
    public static final Duration DEDUP_RETENTION = Duration.ofHours(48);

    private static final String PARSED = "parsed";
    private static final String REJECTED = "rejected";
    private static final String OUTCOME_PREFIX = "parse-";

    private TransformerTopology() {
    }

    /** @param registry where the serdes find schema ids (Confluent wire format; old single-object records read too) */
    public static Topology buildTopology(SchemaRegistryConfig registry) {
        RegistryAvroSerde<RawSale> rawSales = RegistryAvroSerde.rawSale(registry);
        RegistryAvroSerde<Sale> sales = RegistryAvroSerde.sale(registry);
        StreamsBuilder builder = new StreamsBuilder();
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

        outcomes.get(OUTCOME_PREFIX + PARSED)
                .mapValues(ParseOutcome::sale, Named.as("sale"))
                .process(() -> new DeduplicationProcessor<>(StoreNames.SEEN_SALE_IDS, DEDUP_RETENTION),
                        Named.as("dedup"), StoreNames.SEEN_SALE_IDS)
                .to(Topics.SALES.name(), Produced.with(Serdes.String(), sales).withName("sales"));

        outcomes.get(OUTCOME_PREFIX + REJECTED)
                .map((none, outcome) -> KeyValue.pair(outcome.rejectedKey(), outcome.rejectedValue()),
                        Named.as("original-bytes"))
                .to(Topics.SALES_DEAD_LETTER.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letters"));

        return builder.build();
    }
}
