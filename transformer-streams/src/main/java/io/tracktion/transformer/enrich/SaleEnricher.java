package io.tracktion.transformer.enrich;

import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.ReleaseUrls;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleAttribution;
import io.tracktion.transformer.topology.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sales side of enrichment (input keyed by canonical release URL): a sale whose release is known is written at
 * once; one whose release is not waits in {@link StoreNames#SALES_AWAITING_RELEASE} until the release arrives
 * ({@link ReleaseArrivals}) or {@code wait} has passed on the wall clock, and is then written as unknown and kept
 * in {@link StoreNames#SALES_ATTRIBUTED_UNKNOWN}, to be re-attributed when its release becomes known.
 */
final class SaleEnricher implements Processor<String, Sale, String, EnrichedSale> {

    private final Duration wait;
    private final Duration keepUnknownFor;
    private ProcessorContext<String, EnrichedSale> context;
    private KeyValueStore<String, SaleAttribution> releases;
    private KeyValueStore<String, EnrichedSale> awaiting;
    private KeyValueStore<String, EnrichedSale> attributedUnknown;
    private long newestSaleMillis;

    SaleEnricher(Duration wait, Duration keepUnknownFor) {
        this.wait = wait;
        this.keepUnknownFor = keepUnknownFor;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedSale> context) {
        this.context = context;
        this.releases = context.getStateStore(StoreNames.KNOWN_RELEASES);
        this.awaiting = context.getStateStore(StoreNames.SALES_AWAITING_RELEASE);
        this.attributedUnknown = context.getStateStore(StoreNames.SALES_ATTRIBUTED_UNKNOWN);
        Duration every = wait.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofMillis(Math.max(100, wait.toMillis() / 4))
                : Duration.ofSeconds(1);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::releaseOverdue);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, now -> forgetOldUnknowns());
    }

    @Override
    public void process(Record<String, Sale> record) {
        Sale sale = record.value();
        newestSaleMillis = Math.max(newestSaleMillis, sale.getSoldAt().toEpochMilli());
        String url = sale.getUrl() == null ? null : ReleaseUrls.canonical(sale.getUrl()).orElse(null);
        if (url == null) {
            forward(context, EnrichedSales.first(sale, Attributions.without(Attributions.NONE, null), now()),
                    record.timestamp());
            return;
        }
        SaleAttribution release = releases.get(url);
        if (release == null) {
            awaiting.put(EnrichedSales.storeKey(url, sale.getSaleId()),
                    EnrichedSales.first(sale, Attributions.without(Attributions.UNKNOWN, url), now()));
            return;
        }
        EnrichedSale enriched = EnrichedSales.first(sale, release, now());
        forward(context, enriched, record.timestamp());
        if (!Attributions.KNOWN.equals(release.getStatus())) {
            attributedUnknown.put(EnrichedSales.storeKey(url, sale.getSaleId()), enriched); // a page may come back
        }
    }

    /** Writes, as unknown, the sales that waited {@code wait} for their release. */
    private void releaseOverdue(long nowMillis) {
        List<KeyValue<String, EnrichedSale>> overdue = new ArrayList<>();
        try (KeyValueIterator<String, EnrichedSale> all = awaiting.all()) {
            while (all.hasNext()) {
                KeyValue<String, EnrichedSale> entry = all.next();
                if (entry.value.getEnrichedAt().toEpochMilli() + wait.toMillis() <= nowMillis) {
                    overdue.add(entry);
                }
            }
        }
        for (KeyValue<String, EnrichedSale> entry : overdue) {
            EnrichedSale unknown = EnrichedSale.newBuilder(entry.value).setEnrichedAt(Instant.ofEpochMilli(nowMillis)).build();
            forward(context, unknown, nowMillis);
            attributedUnknown.put(entry.key, unknown);
            awaiting.delete(entry.key);
        }
    }

    /**
     * Sales of releases that never became known are not kept for ever: beyond the stats' retention a
     * re-attribution would change no open window. Measured in sale time, so a replay of history keeps them.
     */
    private void forgetOldUnknowns() {
        long before = newestSaleMillis - keepUnknownFor.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, EnrichedSale> all = attributedUnknown.all()) {
            while (all.hasNext()) {
                KeyValue<String, EnrichedSale> entry = all.next();
                if (entry.value.getSale().getSoldAt().toEpochMilli() < before) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(attributedUnknown::delete);
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    /**
     * Keyed by saleId. The record's timestamp is when it was written, not the sale's time: topics delete by
     * timestamp, and a replay of last year's sales must not write records already past their retention. Event time
     * travels in the values.
     */
    static void forward(ProcessorContext<String, EnrichedSale> context, EnrichedSale enriched, long timestamp) {
        context.forward(new Record<>(enriched.getSale().getSaleId(), enriched, timestamp));
    }
}
