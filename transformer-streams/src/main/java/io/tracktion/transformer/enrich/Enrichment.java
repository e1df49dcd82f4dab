package io.tracktion.transformer.enrich;

import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SingleObjectSerde;
import io.tracktion.schemas.Topics;
import io.tracktion.transformer.state.ObjectCacheStores;
import io.tracktion.transformer.topology.StoreNames;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich part of the topology: sales are repartitioned by their canonical release URL, the key of
 * bandcamp.releases, so that a sale and its release meet in the same task, whose stores hold what is known of its
 * releases and the sales that wait for one.
 *
 * <pre>
 * sales ── by release URL ── SaleEnricher ──┐
 * bandcamp.releases ──────── ReleaseArrivals ┴── enriched sales (keyed by saleId, at sale time)
 * </pre>
 */
public final class Enrichment {

    private Enrichment() {
    }

    /**
     * @param wait           how long a sale waits for its release before it is written as unknown (ENRICH_WAIT)
     * @param keepUnknownFor how long, in sale time, a sale written as unknown can still be re-attributed
     */
    public static KStream<String, EnrichedSale> enrich(StreamsBuilder builder, KStream<String, Sale> sales,
                                                       Serde<Release> releaseSerde, Duration wait,
                                                       Duration keepUnknownFor) {
        Serde<EnrichedSale> stored = SingleObjectSerde.enrichedSale();
        builder.addStateStore(ObjectCacheStores.persistent(StoreNames.KNOWN_RELEASES, Attributions.SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SALES_AWAITING_RELEASE), Serdes.String(), stored));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SALES_ATTRIBUTED_UNKNOWN), Serdes.String(), stored));
        String[] stores = {StoreNames.KNOWN_RELEASES, StoreNames.SALES_AWAITING_RELEASE,
                StoreNames.SALES_ATTRIBUTED_UNKNOWN};

        KStream<String, EnrichedSale> fromSales = sales
                .selectKey((saleId, sale) -> releaseKey(saleId, sale), Named.as("release-url"))
                .repartition(Repartitioned.with(Serdes.String(), SingleObjectSerde.sale())
                        .withName("sales-by-release").withNumberOfPartitions(Topics.RELEASES.partitions()))
                .process(() -> new SaleEnricher(wait, keepUnknownFor), Named.as("enrich-sales"), stores);

        KStream<String, EnrichedSale> fromReleases = builder
                .stream(Topics.RELEASES.name(), Consumed.with(Serdes.String(), releaseSerde).withName("releases"))
                .process(ReleaseArrivals::new, Named.as("release-arrivals"), stores);

        return fromSales.merge(fromReleases, Named.as("enriched"));
    }

    /** The canonical release URL, partitioned like bandcamp.releases; a sale naming no page keeps its own id. */
    static String releaseKey(String saleId, Sale sale) {
        return sale.getUrl() == null ? saleId : ReleaseUrls.canonical(sale.getUrl()).orElse(saleId);
    }
}
