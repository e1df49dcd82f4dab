package io.tracktion.transformer.trending;

import io.tracktion.transformer.codec.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * One entity in one chart: its units and revenue for each {@link Period}, and the buckets they are made of (minutes
 * for the hour charts, hours for the 24-hour ones) back to the start of the period before.
 *
 * <p>Why the buckets live here: one store entry per entity and chart is written per commit, where an entry per
 * bucket was another write for every sale in every window.
 */
final class ChartTotals {

    /** A bucket's sums. */
    record Bucket(long units, BigDecimal revenueUsd) {
        Bucket plus(long moreUnits, BigDecimal moreRevenue) {
            return new Bucket(units + moreUnits, revenueUsd.add(moreRevenue));
        }

        boolean isEmpty() {
            return units == 0 && revenueUsd.signum() == 0;
        }
    }

    String name;
    final long[] units = new long[Period.values().length];
    final BigDecimal[] revenueUsd = new BigDecimal[Period.values().length];
    /** Per {@link Period.Window} (by ordinal): bucket start → sums; empty buckets are removed. */
    @SuppressWarnings("unchecked")
    final TreeMap<Long, Bucket>[] buckets = new TreeMap[Period.Window.values().length];
    /** It has entered the top 10 of the last 24 hours and not left the top 20 since: no new entry signal. */
    boolean entered;
    /** The minute of its last entry, so that an entry is signalled once even if it repeats within the minute. */
    long lastEntryMinute = -1;

    ChartTotals(String name) {
        this.name = name;
        Arrays.fill(revenueUsd, BigDecimal.ZERO);
        Arrays.setAll(buckets, w -> new TreeMap<>());
    }

    void add(Period period, long units, BigDecimal revenueUsd) {
        this.units[period.ordinal()] += units;
        this.revenueUsd[period.ordinal()] = this.revenueUsd[period.ordinal()].add(revenueUsd);
    }

    /** Adds to a bucket; returns true when the bucket is new or now empty (and so removed). */
    boolean addToBucket(Period.Window window, long start, long units, BigDecimal revenueUsd) {
        TreeMap<Long, Bucket> of = buckets[window.ordinal()];
        Bucket before = of.get(start);
        Bucket after = before == null ? new Bucket(units, revenueUsd) : before.plus(units, revenueUsd);
        if (after.isEmpty()) {
            of.remove(start);
        } else {
            of.put(start, after);
        }
        return before == null || after.isEmpty();
    }

    Bucket bucket(Period.Window window, long start) {
        return buckets[window.ordinal()].get(start);
    }

    Bucket removeBucket(Period.Window window, long start) {
        return buckets[window.ordinal()].remove(start);
    }

    boolean isEmpty() {
        if (entered) {
            return false;
        }
        for (int i = 0; i < units.length; i++) {
            if (units[i] != 0 || revenueUsd[i].signum() != 0) {
                return false;
            }
        }
        for (TreeMap<Long, Bucket> of : buckets) {
            if (!of.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static final int FORMAT = 2;

    static final Serde<ChartTotals> SERDE = BinaryCodec.serde(FORMAT, ChartTotals::write, ChartTotals::read);

    private static void write(DataOutputStream out, ChartTotals t) throws IOException {
        out.writeUTF(t.name);
        for (int i = 0; i < t.units.length; i++) {
            out.writeLong(t.units[i]);
            BinaryCodec.writeDecimal(out, t.revenueUsd[i]);
        }
        out.writeBoolean(t.entered);
        out.writeLong(t.lastEntryMinute);
        for (TreeMap<Long, Bucket> of : t.buckets) {
            out.writeShort(of.size());
            for (Map.Entry<Long, Bucket> bucket : of.entrySet()) {
                out.writeLong(bucket.getKey());
                out.writeLong(bucket.getValue().units());
                BinaryCodec.writeDecimal(out, bucket.getValue().revenueUsd());
            }
        }
    }

    private static ChartTotals read(DataInputStream in) throws IOException {
        ChartTotals t = new ChartTotals(in.readUTF());
        for (int i = 0; i < t.units.length; i++) {
            t.units[i] = in.readLong();
            t.revenueUsd[i] = BinaryCodec.readDecimal(in);
        }
        t.entered = in.readBoolean();
        t.lastEntryMinute = in.readLong();
        for (TreeMap<Long, Bucket> of : t.buckets) {
            int count = in.readUnsignedShort();
            for (int b = 0; b < count; b++) {
                of.put(in.readLong(), new Bucket(in.readLong(), BinaryCodec.readDecimal(in)));
            }
        }
        return t;
    }
}
