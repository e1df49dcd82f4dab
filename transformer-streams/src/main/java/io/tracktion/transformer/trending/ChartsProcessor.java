package io.tracktion.transformer.trending;

import io.tracktion.schemas.Signal;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.schemas.TrendingEntry;
import io.tracktion.transformer.delta.ChartRef;
import io.tracktion.transformer.delta.Dimension;
import io.tracktion.transformer.delta.EntityRef;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.signals.SignalKinds;
import io.tracktion.transformer.state.TimeOrderedKeys;
import io.tracktion.transformer.topology.StoreNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * buckets move from the current period to the one before and then out. The buckets are kept with each entity's
 * {@link ChartTotals}; which entities have a bucket at which time is an index in memory, rebuilt from the store
 * when a task starts. The top {@value #CHART_SIZE} of every
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
    private KeyValueStore<String, Long> clock;
    private final Map<String, Chart> charts = new HashMap<>();
    /** Per window (by ordinal): bucket start → the chart entries with a bucket there. */
    @SuppressWarnings("unchecked")
    private final TreeMap<Long, Set<Entry>>[] bucketIndex = new TreeMap[Period.Window.values().length];
    /** Per window (by ordinal): buckets before these have moved to the period before, and out of it. */
    private final long[] movedBefore = new long[Period.Window.values().length];
    private final long[] droppedBefore = new long[Period.Window.values().length];
    private long now;

    /** An entity in a chart. */
    private record Entry(Chart chart, String id) {
    }

    public ChartsProcessor(Duration emitEvery, long entryMinUnits) {
        this.emitEvery = emitEvery;
        this.entryMinUnits = entryMinUnits;
        Arrays.setAll(bucketIndex, w -> new TreeMap<>());
    }

    public static Serde<?> totalsSerde() {
        return ChartTotals.SERDE;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.totalsStore = context.getStateStore(StoreNames.CHART_ENTRIES);
        this.clock = context.getStateStore(StoreNames.CHART_CLOCK);
        // A task revived after an aborted transaction keeps this processor: only the stores hold the truth.
        charts.clear();
        for (TreeMap<Long, Set<Entry>> index : bucketIndex) {
            index.clear();
        }
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
                Chart chart = chart(entry.key.substring(0, tab));
                String id = entry.key.substring(tab + 1);
                chart.restore(id, entry.value);
                for (Period.Window window : Period.Window.values()) {
                    for (long start : entry.value.buckets[window.ordinal()].keySet()) {
                        index(window, start, new Entry(chart, id), true);
                    }
                }
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
            String id = c.entity().id();
            for (Period.Window window : Period.Window.values()) {
                long bucket = window.bucketOf(time);
                if (bucket < droppedBefore[window.ordinal()]) {
                    continue; // older than both periods
                }
                Period period = bucket >= movedBefore[window.ordinal()] ? window.current() : window.previous();
                chart.add(id, c.entity().name(), period, c.sign(), revenue);
                ChartTotals totals = chart.totals.get(id);
                if (totals.addToBucket(window, bucket, c.sign(), revenue)) {
                    index(window, bucket, new Entry(chart, id), totals.bucket(window, bucket) != null);
                }
                store(chart, id);
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
            TreeMap<Long, Set<Entry>> index = bucketIndex[window.ordinal()];
            long moveBefore = window.currentFrom(now);
            if (moveBefore > movedBefore[window.ordinal()]) {
                for (Map.Entry<Long, Set<Entry>> bucket : index.subMap(movedBefore[window.ordinal()], moveBefore).entrySet()) {
                    for (Entry entry : bucket.getValue()) {
                        ChartTotals.Bucket sums = entry.chart().totals.get(entry.id()).bucket(window, bucket.getKey());
                        entry.chart().add(entry.id(), null, window.current(), -sums.units(), sums.revenueUsd().negate());
                        entry.chart().add(entry.id(), null, window.previous(), sums.units(), sums.revenueUsd());
                        store(entry.chart(), entry.id());
                        changed.add(entry.chart());
                    }
                }
                movedBefore[window.ordinal()] = moveBefore;
                clock.put(MOVED + window.id, moveBefore);
            }
            long dropBefore = window.previousFrom(now);
            if (dropBefore > droppedBefore[window.ordinal()]) {
                SortedMap<Long, Set<Entry>> dropped = index.subMap(droppedBefore[window.ordinal()], dropBefore);
                for (Map.Entry<Long, Set<Entry>> bucket : dropped.entrySet()) {
                    for (Entry entry : bucket.getValue()) {
                        ChartTotals.Bucket sums = entry.chart().totals.get(entry.id()).removeBucket(window, bucket.getKey());
                        entry.chart().add(entry.id(), null, window.previous(), -sums.units(), sums.revenueUsd().negate());
                        store(entry.chart(), entry.id());
                        changed.add(entry.chart());
                    }
                }
                dropped.clear();
                droppedBefore[window.ordinal()] = dropBefore;
                clock.put(DROPPED + window.id, dropBefore);
            }
        }
        return changed;
    }

    /** Notes that an entry has (or no longer has) a bucket at {@code start}. */
    private void index(Period.Window window, long start, Entry entry, boolean has) {
        TreeMap<Long, Set<Entry>> index = bucketIndex[window.ordinal()];
        if (has) {
            index.computeIfAbsent(start, s -> new HashSet<>()).add(entry);
        } else {
            Set<Entry> entries = index.get(start);
            if (entries != null && entries.remove(entry) && entries.isEmpty()) {
                index.remove(start);
            }
        }
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
            ChartRef ref = new ChartRef(Dimension.of(k.substring(0, bar)), k.substring(bar + 1));
            return new Chart(ref, ENTERING.contains(ref.dimension()));
        });
    }
}
