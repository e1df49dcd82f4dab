package io.tracktion.transformer.enrich;

import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.SaleAttribution;
import io.tracktion.transformer.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The releases side of enrichment (bandcamp.releases, keyed by canonical URL, co-partitioned with the sales): a
 * fetched release is remembered; the sales waiting for it are written with it, and the sales already written as
 * unknown are re-attributed (a new revision naming the attribution it replaces). Pending records change nothing.
 */
final class ReleaseArrivals implements Processor<String, Release, String, EnrichedSale> {

    private static final StringSerializer KEYS = new StringSerializer();

    private ProcessorContext<String, EnrichedSale> context;
    private KeyValueStore<String, SaleAttribution> releases;
    private KeyValueStore<String, EnrichedSale> awaiting;
    private KeyValueStore<String, EnrichedSale> attributedUnknown;

    @Override
    public void init(ProcessorContext<String, EnrichedSale> context) {
        this.context = context;
        this.releases = context.getStateStore(StoreNames.KNOWN_RELEASES);
        this.awaiting = context.getStateStore(StoreNames.SALES_AWAITING_RELEASE);
        this.attributedUnknown = context.getStateStore(StoreNames.SALES_ATTRIBUTED_UNKNOWN);
    }

    @Override
    public void process(Record<String, Release> record) {
        Release release = record.value();
        if (release == null || record.key() == null || ReleaseStatus.PENDING.equals(release.getStatus())) {
            return;
        }
        String url = record.key();
        SaleAttribution attribution = Attributions.of(release);
        releases.put(url, attribution);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String prefix = EnrichedSales.storePrefix(url);

        for (KeyValue<String, EnrichedSale> waiting : drain(awaiting, prefix)) {
            EnrichedSale enriched = EnrichedSales.first(waiting.value.getSale(), attribution, now);
            SaleEnricher.forward(context, enriched, record.timestamp());
            if (!Attributions.KNOWN.equals(attribution.getStatus())) {
                attributedUnknown.put(waiting.key, enriched);
            }
        }
        if (Attributions.KNOWN.equals(attribution.getStatus())) {
            for (KeyValue<String, EnrichedSale> unknown : drain(attributedUnknown, prefix)) {
                SaleEnricher.forward(context, EnrichedSales.reattributed(unknown.value, attribution, now),
                        record.timestamp());
            }
        }
    }

    /** Removes and returns the entries under a prefix. */
    private static List<KeyValue<String, EnrichedSale>> drain(KeyValueStore<String, EnrichedSale> store, String prefix) {
        List<KeyValue<String, EnrichedSale>> entries = new ArrayList<>();
        try (KeyValueIterator<String, EnrichedSale> found = store.prefixScan(prefix, KEYS)) {
            found.forEachRemaining(entries::add);
        }
        entries.forEach(entry -> store.delete(entry.key));
        return entries;
    }
}
