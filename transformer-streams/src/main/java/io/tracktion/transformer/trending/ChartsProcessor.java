package io.tracktion.transformer.trending;

import io.tracktion.schemas.Signal;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.schemas.TrendingEntry;
import io.tracktion.transformer.codec.BinaryCodec;
import io.tracktion.transformer.delta.ChartRef;
import io.tracktion.transformer.delta.Dimension;
import io.tracktion.transformer.delta.EntityRef;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.signals.SignalKinds;
import io.tracktion.transformer.state.TimeOrderedKeys;
import io.tracktion.transformer.topology.StoreNames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Trending: sliding charts of the last hour (by minute) and the last 24 hours (by hour), each beside the period
 * just before it, in event time: a sale is added to its minute and hour buckets; as stream time moves, whole
 * buckets move from the current period to the one before and then out. The top {@value #CHART_SIZE} of every
 * changed chart are written at most once per {@code emitEvery}; an artist or release that enters the top
 * {@value #ENTRY_SIZE} of the store or of its genre over the last 24 hours, with at least {@code entryMinUnits},
 * gives a {@code chart_entry} signal.
 *
 * <p>Output values are {@link TrendingChart}s and {@link Signal}s; the topology sends each to its topic.
 */
public final class ChartsProcessor implements Processor<String, SaleDelta, String, SpecificRecord> {

    static final int CHART_SIZE = 20;
    static final int ENTRY_SIZE = 10;
    private static final Set<Dimension> ENTERING = EnumSet.of(Dimension.ARTIST, Dimension.RELEASE);
    private static final String MOVED = "moved|";
    private static final String DROPPED = "dropped|";

    private final Duration emitEvery;
    private final long entryMinUnits;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ChartTotals> totalsStore;
    private KeyValueStore<String, Bucket> buckets;
    private KeyValueStore<String, Long> clock;
    private final Map<String, Chart> charts = new HashMap<>();
    /** Per window (by ordinal): buckets before these have moved to the period before, and out of it. */
    private final long[] movedBefore = new long[Period.Window.values().length];
    private final long[] droppedBefore = new long[Period.Window.values().length];
    private long now;

    /** A bucket's sums. */
    record Bucket(long units, BigDecimal revenueUsd) {
        static final Serde<Bucket> SERDE = BinaryCodec.serde(1, Bucket::write, Bucket::read);

        private static void write(DataOutputStream out, Bucket b) throws IOException {
            out.writeLong(b.units);
            BinaryCodec.writeDecimal(out, b.revenueUsd);
        }

        private static Bucket read(DataInputStream in) throws IOException {
            return new Bucket(in.readLong(), BinaryCodec.readDecimal(in));
        }
    }

    public ChartsProcessor(Duration emitEvery, long entryMinUnits) {
        this.emitEvery = emitEvery;
        this.entryMinUnits = entryMinUnits;
    }

    public static Serde<?> totalsSerde() {
        return ChartTotals.SERDE;
    }

    public static Serde<?> bucketSerde() {
        return Bucket.SERDE;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.totalsStore = context.getStateStore(StoreNames.CHART_TOTALS);
        this.buckets = context.getStateStore(StoreNames.CHART_BUCKETS);
        this.clock = context.getStateStore(StoreNames.CHART_CLOCK);
        // A task revived after an aborted transaction keeps this processor: only the stores hold the truth.
        charts.clear();
        for (Period.Window window : Period.Window.values()) {
            movedBefore[window.ordinal()] = TimeOrderedKeys.clockValue(clock, MOVED + window.id);
            droppedBefore[window.ordinal()] = TimeOrderedKeys.clockValue(clock, DROPPED + window.id);
        }
        Long time = clock.get("now");
        now = time == null ? 0 : time;
        try (KeyValueIterator<String, ChartTotals> all = totalsStore.all()) {
            while (all.hasNext()) {
                KeyValue<String, ChartTotals> entry = all.next();
                int tab = entry.key.indexOf('\t');
                chart(entry.key.substring(0, tab)).restore(entry.key.substring(tab + 1), entry.value);
            }
        }
        for (Chart chart : charts.values()) {
            chart.changed = true; // written again after a restart
        }
        context.schedule(emitEvery, PunctuationType.WALL_CLOCK_TIME, wallClock -> writeChanged());
    }

    @Override
    public void process(Record<String, SaleDelta> record) {
        SaleDelta sale = record.value();
        if (sale.charts().isEmpty()) {
            return;
        }
        long time = sale.soldAtMillis();
        // Stream time is the latest sale time this task has seen (see StatsProcessor).
        Set<Chart> touched = new LinkedHashSet<>(advance(time));
        for (SaleDelta.ChartContribution c : sale.charts()) {
            Chart chart = chart(c.chart().key());
            touched.add(chart);
            BigDecimal revenue = sale.amountUsd().multiply(BigDecimal.valueOf(c.sign()));
            for (Period.Window window : Period.Window.values()) {
                long bucket = window.bucketOf(time);
                if (bucket < droppedBefore[window.ordinal()]) {
                    continue; // older than both periods
                }
                String key = bucketKey(window, bucket, chart.ref.key(), c.entity().id());
                Bucket before = buckets.get(key);
                Bucket after = before == null ? new Bucket(c.sign(), revenue)
                        : new Bucket(before.units() + c.sign(), before.revenueUsd().add(revenue));
                if (after.units() == 0 && after.revenueUsd().signum() == 0) {
                    buckets.delete(key);
                } else {
                    buckets.put(key, after);
                }
                Period period = bucket >= movedBefore[window.ordinal()] ? window.current() : window.previous();
                chart.add(c.entity().id(), c.entity().name(), period, c.sign(), revenue);
                store(chart, c.entity().id());
            }
        }
        for (Chart chart : touched) {
            signalEntries(chart, sale);
        }
    }

    /** Moves whole buckets between periods as stream time passes; returns the charts that changed. */
    private Set<Chart> advance(long streamTime) {
        Set<Chart> changed = new LinkedHashSet<>();
        if (streamTime <= now) {
            return changed;
        }
        now = streamTime;
        clock.put("now", now);
        for (Period.Window window : Period.Window.values()) {
            long moveBefore = window.currentFrom(now);
            if (moveBefore > movedBefore[window.ordinal()]) {
                for (KeyValue<String, Bucket> bucket : range(window, movedBefore[window.ordinal()], moveBefore)) {
                    changed.add(shift(bucket, window.current(), window.previous()));
                }
                movedBefore[window.ordinal()] = moveBefore;
                clock.put(MOVED + window.id, moveBefore);
            }
            long dropBefore = window.previousFrom(now);
            if (dropBefore > droppedBefore[window.ordinal()]) {
                for (KeyValue<String, Bucket> bucket : range(window, droppedBefore[window.ordinal()], dropBefore)) {
                    changed.add(shift(bucket, window.previous(), null));
                    buckets.delete(bucket.key);
                }
                droppedBefore[window.ordinal()] = dropBefore;
                clock.put(DROPPED + window.id, dropBefore);
            }
        }
        return changed;
    }

    /** Takes a bucket's sums out of one period and, unless {@code to} is null, into another. */
    private Chart shift(KeyValue<String, Bucket> bucket, Period from, Period to) {
        String rest = bucket.key.substring(19);
        int tab = rest.indexOf('\t');
        Chart chart = chart(rest.substring(0, tab));
        String id = rest.substring(tab + 1);
        Bucket b = bucket.value;
        chart.add(id, null, from, -b.units(), b.revenueUsd().negate());
        if (to != null) {
            chart.add(id, null, to, b.units(), b.revenueUsd());
        }
        store(chart, id);
        return chart;
    }

    private void store(Chart chart, String id) {
        ChartTotals totals = chart.settle(id);
        String key = chart.ref.key() + "\t" + id;
        if (totals == null) {
            totalsStore.delete(key);
        } else {
            totalsStore.put(key, totals);
        }
    }

    /**
     * A chart_entry for each artist or release now in the top 10 of the last 24 hours that had not entered it, or
     * has left the top 20 since it did: an entity hovering around 10th place is not signalled again and again.
     */
    private void signalEntries(Chart chart, SaleDelta sale) {
        if (!ENTERING.contains(chart.ref.dimension())) {
            return;
        }
        Set<String> chartIds = chart.topIds(CHART_SIZE);
        for (String id : new ArrayList<>(chart.entered)) {
            if (!chartIds.contains(id)) {
                chart.entered.remove(id);
                ChartTotals t = chart.totals.get(id);
                if (t != null) {
                    t.entered = false;
                    store(chart, id);
                }
            }
        }
        long minute = Math.floorDiv(now, 60_000) * 60_000;
        int rank = 0;
        for (String id : chart.leaders(ENTRY_SIZE, entryMinUnits)) {
            rank++;
            ChartTotals t = chart.totals.get(id);
            if (t.entered) {
                continue;
            }
            t.entered = true;
            chart.entered.add(id);
            boolean sameEntry = t.lastEntryMinute == minute; // left and came back within the minute: one entry
            t.lastEntryMinute = minute;
            store(chart, id);
            if (sameEntry) {
                continue;
            }
            EntityRef entity = new EntityRef(chart.ref.dimension(), id, t.name);
            // Named by the chart and the sale that brought the entry: unique, and the same in a replay in the same order.
            Signal signal = SignalKinds.signal(SignalKinds.CHART_ENTRY, entity, chart.ref.scope() + "@" + sale.saleId(),
                            sale.soldAtMicros(), sale.saleId())
                    .setScope(chart.ref.scope())
                    .setWindow(Period.Window.DAY.id)
                    .setRank(rank)
                    .setMetric("units")
                    .setObserved(SignalKinds.decimal(BigDecimal.valueOf(t.units[Period.LAST_DAY.ordinal()])))
                    .setThreshold(SignalKinds.decimal(BigDecimal.valueOf(ENTRY_SIZE)))
                    .build();
            context.forward(new Record<>(signal.getId(), signal, context.currentSystemTimeMs()));
        }
    }

    private void writeChanged() {
        for (Chart chart : charts.values()) {
            if (!chart.changed) {
                continue;
            }
            chart.changed = false;
            for (Period.Window window : Period.Window.values()) {
                TrendingChart record = toRecord(chart, window);
                context.forward(new Record<>(trendingKey(chart.ref, window), record, context.currentSystemTimeMs()));
            }
        }
    }

    private TrendingChart toRecord(Chart chart, Period.Window window) {
        List<Chart.Ranked> top = chart.top(window.current(), CHART_SIZE);
        Map<String, Integer> previous = chart.ranksOf(window.previous(),
                top.stream().map(Chart.Ranked::id).collect(Collectors.toSet()));
        List<TrendingEntry> entries = new ArrayList<>(top.size());
        int rank = 0;
        for (Chart.Ranked r : top) {
            entries.add(TrendingEntry.newBuilder()
                    .setRank(++rank)
                    .setPreviousRank(previous.get(r.id()))
                    .setEntityId(r.id())
                    .setEntityName(chart.totals.get(r.id()).name)
                    .setUnits(r.units())
                    .setRevenueUsd(SignalKinds.decimal(r.revenueUsd()))
                    .build());
        }
        return TrendingChart.newBuilder()
                .setDimension(chart.ref.dimension().id())
                .setWindow(window.id)
                .setScope(chart.ref.scope())
                .setAsOf(Instant.ofEpochMilli(now))
                .setPeriodStart(Instant.ofEpochMilli(window.currentFrom(now)))
                .setEntries(entries)
                .build();
    }

    /** The trending topic's key: dimension|window|scope. */
    public static String trendingKey(ChartRef chart, Period.Window window) {
        return chart.dimension().id() + "|" + window.id + "|" + chart.scope();
    }

    private Chart chart(String key) {
        return charts.computeIfAbsent(key, k -> {
            int bar = k.indexOf('|');
            return new Chart(new ChartRef(Dimension.of(k.substring(0, bar)), k.substring(bar + 1)));
        });
    }

    private List<KeyValue<String, Bucket>> range(Period.Window window, long from, long to) {
        return TimeOrderedKeys.between(buckets, window.code + "|" + TimeOrderedKeys.pad(from),
                window.code + "|" + TimeOrderedKeys.pad(to));
    }

    /** window code | bucket start | chart key TAB entity id: buckets in time order per window. */
    private static String bucketKey(Period.Window window, long bucket, String chartKey, String entityId) {
        return window.code + "|" + TimeOrderedKeys.pad(bucket) + "|" + chartKey + "\t" + entityId;
    }

}
