package io.tracktion.transformer.stats;

import io.tracktion.schemas.CountryTotals;
import io.tracktion.schemas.CurrencyAmount;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.transformer.delta.Dimension;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.parse.SaleTimes;
import io.tracktion.transformer.state.TimeOrderedKeys;
import io.tracktion.transformer.topology.StoreNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums contributions into minute, hour and day windows per entity, in event time.
 *
 * <ul>
 *   <li>A window's record is written at most once per {@code emitEvery} (wall clock) while it changes; when no
 *       more than {@value #FEW_CHANGES} windows have changed, they are written within {@link #QUICK_CHECK}, so a
 *       live sale reaches its windows sooner while a catch-up, which changes thousands, still writes each window at
 *       most once an interval. A changed
 *       window is marked {@link WindowTotals#pending} in its own store entry, written anyway, so a crash loses no
 *       update; a set in memory holds the keys, rebuilt from the store when a task starts.</li>
 *   <li>A window closes when stream time (the latest sale time this task has seen) passes its end plus
 *       {@code grace}: its final record is written then.</li>
 *   <li>A sale or re-attribution that arrives later still, within {@code retention} after the close, corrects the
 *       closed window: another final record with a higher version. Beyond that it is counted
 *       ({@code stats-late-dropped-total}) and left out of the windows; it stays in tracktion.sales.enriched.</li>
 * </ul>
 *
 * Distinct carts are counted from {@link CartItems}, one entry per cart and UTC day.
 *
 * <p>Store keys begin with the interval (for carts: the day) and the zero-padded window start, so closing and
 * forgetting windows are range scans in time order.
 */
public final class StatsProcessor implements Processor<String, SaleDelta, String, StatsWindow> {

    private static final String STREAM_TIME = "stream-time";
    /**
     * The dimensions whose windows are also split by buyer country, for their pages' top countries and the genre
     * and tag × country matrix. The store's split is the country dimension; a kind's is not asked for.
     */
    static final Set<Dimension> BY_COUNTRY = EnumSet.of(Dimension.ARTIST, Dimension.RELEASE, Dimension.LABEL,
            Dimension.GENRE, Dimension.TAG);
    /** Between an entity's key and a country in a cart's entries: a character no id or name holds. */
    private static final char COUNTRY_SEPARATOR = '\u0000';
    private static final String CLOSED = "closed|";
    private static final String FORGOTTEN = "forgotten|";

    private final long graceMillis;
    private final long retentionMillis;
    /** Changed windows few enough to be written at the next quick check rather than at the next interval. */
    static final int FEW_CHANGES = 100;
    static final Duration QUICK_CHECK = Duration.ofMillis(50);

    private final Duration emitEvery;
    /** Wall clock of the last write of the changed windows. */
    private long lastWritten;
    private ProcessorContext<String, StatsWindow> context;
    private KeyValueStore<String, WindowTotals> windows;
    private KeyValueStore<String, CartItems> carts;
    /** The keys of the windows marked {@link WindowTotals#pending}. */
    private final Set<String> changedKeys = new LinkedHashSet<>();
    private KeyValueStore<String, Long> clock;
    private Sensor lateDropped;
    /** Per interval (by ordinal): windows starting before this have had their final record. */
    private final long[] closedBefore = new long[Interval.values().length];
    /** Per interval: windows starting before this are forgotten. */
    private final long[] forgottenBefore = new long[Interval.values().length];
    /**
     * The latest sale time this task has seen. Kept here rather than read from the task, whose stream time also
     * counts other inputs' record times (all of them, in the topology test driver).
     */
    private long streamTime;

    /**
     * @param grace     how long after its end a window still takes late sales before its final record (STATS_GRACE)
     * @param retention how long after closing a window is kept to be corrected
     * @param emitEvery how often the changed windows' records are written
     */
    public StatsProcessor(Duration grace, Duration retention, Duration emitEvery) {
        this.graceMillis = grace.toMillis();
        this.retentionMillis = retention.toMillis();
        this.emitEvery = emitEvery;
    }

    /** How {@link StoreNames#STATS_WINDOWS} keeps a window's sums. */
    public static org.apache.kafka.common.serialization.Serde<?> storeSerde() {
        return WindowTotals.SERDE;
    }

    /** How {@link StoreNames#STATS_CART_ITEMS} keeps a cart's items. */
    public static org.apache.kafka.common.serialization.Serde<?> cartSerde() {
        return CartItems.SERDE;
    }

    @Override
    public void init(ProcessorContext<String, StatsWindow> context) {
        this.context = context;
        this.windows = context.getStateStore(StoreNames.STATS_WINDOWS);
        this.carts = context.getStateStore(StoreNames.STATS_CART_ITEMS);
        this.clock = context.getStateStore(StoreNames.STATS_CLOCK);
        this.lateDropped = context.metrics().addRateTotalSensor("transformer", "stats", "stats-late-dropped",
                Sensor.RecordingLevel.INFO);
        for (Interval interval : Interval.values()) {
            closedBefore[interval.ordinal()] = TimeOrderedKeys.clockValue(clock, CLOSED + interval.id());
            forgottenBefore[interval.ordinal()] = TimeOrderedKeys.clockValue(clock, FORGOTTEN + interval.id());
        }
        streamTime = TimeOrderedKeys.clockValue(clock, STREAM_TIME);
        // A task revived after an aborted transaction keeps this processor: only the stores hold the truth.
        changedKeys.clear();
        try (KeyValueIterator<String, WindowTotals> all = windows.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.pending) {
                    changedKeys.add(entry.key);
                }
            });
        }
        Duration check = emitEvery.compareTo(QUICK_CHECK) < 0 ? emitEvery : QUICK_CHECK;
        context.schedule(check, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (changedKeys.size() <= FEW_CHANGES || now - lastWritten >= emitEvery.toMillis()) {
                lastWritten = now;
                writeChanged();
            }
        });
    }

    @Override
    public void process(Record<String, SaleDelta> record) {
        SaleDelta sale = record.value();
        long time = sale.soldAtMillis();
        if (time > streamTime) {
            streamTime = time;
            clock.put(STREAM_TIME, streamTime);
        }
        long day = Interval.DAY.startOf(time);
        if (day < forgottenBefore[Interval.DAY.ordinal()]) {
            // Minutes and hours are forgotten before their day: every window of this sale is gone, a new one would
            // hold only this sale.
            for (int i = 0; i < sale.entities().size() * Interval.values().length; i++) {
                lateDropped.record();
            }
            return;
        }
        String cartKey = cartKey(day, sale.cartId());
        CartItems cart = carts.get(cartKey);
        if (cart == null) {
            cart = new CartItems();
        }
        for (SaleDelta.Contribution contribution : sale.entities()) {
            String entity = contribution.entity().key();
            int[] cartChanges = cart.add(entity, time, contribution.sign());
            // A cart's items may name different buyer countries: its carts by country are counted on their own.
            boolean split = BY_COUNTRY.contains(contribution.entity().dimension());
            int[] countryCartChanges = split
                    ? cart.add(entity + COUNTRY_SEPARATOR + sale.countryCode(), time, contribution.sign()) : null;
            for (Interval interval : Interval.values()) {
                long start = interval.startOf(time);
                if (start < forgottenBefore[interval.ordinal()]) {
                    lateDropped.record(); // its window is forgotten: a new one would hold only this sale
                    continue;
                }
                String key = windowKey(interval, start, entity);
                WindowTotals totals = windows.get(key);
                if (totals == null) {
                    totals = new WindowTotals(contribution.entity().name());
                    // Past its close already: what it gets now is a correction, written as final.
                    totals.closed = start < closedBefore[interval.ordinal()];
                }
                totals.add(sale, contribution.sign(), cartChanges[interval.ordinal()], contribution.entity().name());
                if (split) {
                    totals.addToCountry(sale, contribution.sign(), countryCartChanges[interval.ordinal()]);
                }
                totals.pending = true;
                windows.put(key, totals);
                changedKeys.add(key);
            }
        }
        if (cart.isEmpty()) {
            carts.delete(cartKey);
        } else {
            carts.put(cartKey, cart);
        }
        advance(streamTime);
    }

    /** Writes the final record of every window that closed by {@code streamTime}, and forgets the old ones. */
    private void advance(long streamTime) {
        for (Interval interval : Interval.values()) {
            // Windows [start, start + size) close once start + size + grace <= streamTime.
            long closeBefore = interval.startOf(streamTime - graceMillis - interval.sizeMillis()) + interval.sizeMillis();
            long closed = closedBefore[interval.ordinal()];
            if (closeBefore > closed) {
                for (KeyValue<String, WindowTotals> window : TimeOrderedKeys.between(windows,
                        windowKeyPrefix(interval, closed), windowKeyPrefix(interval, closeBefore))) {
                    if (!window.value.closed) {
                        window.value.closed = true;
                        write(window.key, window.value);
                    }
                }
                clock.put(CLOSED + interval.id(), closeBefore);
                closedBefore[interval.ordinal()] = closeBefore;
            }
            long forgetBefore = closeBefore - retentionMillis;
            long forgotten = forgottenBefore[interval.ordinal()];
            if (forgetBefore > forgotten) {
                // A correction not written yet is written before its window is forgotten.
                String from = windowKeyPrefix(interval, forgotten);
                String to = windowKeyPrefix(interval, forgetBefore);
                for (KeyValue<String, WindowTotals> window : TimeOrderedKeys.between(windows, from, to)) {
                    if (changedKeys.contains(window.key)) {
                        write(window.key, window.value);
                    }
                }
                TimeOrderedKeys.deleteBetween(windows, from, to);
                if (interval == Interval.DAY) {
                    TimeOrderedKeys.deleteBetween(carts, TimeOrderedKeys.pad(forgotten), TimeOrderedKeys.pad(forgetBefore));
                }
                clock.put(FORGOTTEN + interval.id(), forgetBefore);
                forgottenBefore[interval.ordinal()] = forgetBefore;
            }
        }
    }

    private void writeChanged() {
        for (String key : List.copyOf(changedKeys)) {
            WindowTotals totals = windows.get(key);
            if (totals != null) {
                write(key, totals);
            } else {
                changedKeys.remove(key);
            }
        }
    }

    private void write(String key, WindowTotals totals) {
        totals.version++;
        totals.pending = false;
        windows.put(key, totals);
        changedKeys.remove(key);
        Interval interval = Interval.ofCode(key.charAt(0));
        long start = Long.parseLong(key.substring(2, 18));
        String entity = key.substring(19);
        int bar = entity.indexOf('|');
        StatsWindow window = toRecord(interval, start, entity.substring(0, bar), entity.substring(bar + 1), totals);
        // Timestamped when written (the window's start is in the value): minute stats are deleted a week after that.
        context.forward(new Record<>(publicKey(window.getDimension(), window.getEntityId(), start), window,
                context.currentSystemTimeMs()));
    }

    static StatsWindow toRecord(Interval interval, long start, String dimension, String entityId, WindowTotals t) {
        List<CurrencyAmount> currencies = new ArrayList<>(t.revenueByCurrency.size());
        for (Map.Entry<String, BigDecimal> entry : t.revenueByCurrency.entrySet()) {
            currencies.add(new CurrencyAmount(entry.getKey(), money(entry.getValue())));
        }
        List<CountryTotals> countries = new ArrayList<>(t.byCountry.size());
        for (Map.Entry<String, WindowTotals.CountrySums> entry : t.byCountry.entrySet()) {
            WindowTotals.CountrySums sums = entry.getValue();
            countries.add(new CountryTotals(entry.getKey(), sums.units, sums.revenueUsd(), sums.carts));
        }
        return StatsWindow.newBuilder()
                .setDimension(dimension)
                .setEntityId(entityId)
                .setEntityName(t.entityName)
                .setInterval(interval.id())
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(start + interval.sizeMillis()))
                .setUnits(t.units)
                .setRevenueUsd(money(t.revenueUsd))
                .setRevenueByCurrency(currencies)
                .setCarts(t.carts)
                .setByCountry(countries)
                .setPayWhatYouWantUnits(t.payWhatYouWantUnits)
                .setOverpayUsd(money(t.overpayUsd))
                .setFinal$(t.closed)
                .setVersion(t.version)
                .setLastSaleAt(SaleTimes.ofMicros(t.lastSaleMicros))
                .build();
    }

    /** The topics' key: dimension|entityId|windowStart (ISO-8601 UTC). */
    public static String publicKey(String dimension, String entityId, long startMillis) {
        return dimension + "|" + entityId + "|" + Instant.ofEpochMilli(startMillis);
    }

    /** The schemas' decimals have scale 4. */
    private static BigDecimal money(BigDecimal value) {
        return value.setScale(4, java.math.RoundingMode.HALF_EVEN);
    }

    private static String windowKey(Interval interval, long start, String entity) {
        return windowKeyPrefix(interval, start) + "|" + entity;
    }

    /** day | cart: a cart's items of one UTC day, in time order by day. */
    private static String cartKey(long day, String cartId) {
        return TimeOrderedKeys.pad(day) + "|" + cartId;
    }

    private static String windowKeyPrefix(Interval interval, long start) {
        return interval.code() + "|" + TimeOrderedKeys.pad(start);
    }
}
