package io.tracktion.transformer.trending;

import io.tracktion.transformer.codec.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.kafka.common.serialization.Serde;

/** One entity's units and revenue in one chart, for each {@link Period}. */
final class ChartTotals {

    String name;
    final long[] units = new long[Period.values().length];
    final BigDecimal[] revenueUsd = new BigDecimal[Period.values().length];
    /** It has entered the top 10 of the last 24 hours and not left the top 20 since: no new entry signal. */
    boolean entered;
    /** The minute of its last entry, so that an entry is signalled once even if it repeats within the minute. */
    long lastEntryMinute = -1;

    ChartTotals(String name) {
        this.name = name;
        java.util.Arrays.fill(revenueUsd, BigDecimal.ZERO);
    }

    void add(Period period, long units, BigDecimal revenueUsd) {
        this.units[period.ordinal()] += units;
        this.revenueUsd[period.ordinal()] = this.revenueUsd[period.ordinal()].add(revenueUsd);
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
        return true;
    }

    private static final int FORMAT = 1;

    static final Serde<ChartTotals> SERDE = BinaryCodec.serde(FORMAT, ChartTotals::write, ChartTotals::read);

    private static void write(DataOutputStream out, ChartTotals t) throws IOException {
        out.writeUTF(t.name);
        for (int i = 0; i < t.units.length; i++) {
            out.writeLong(t.units[i]);
            BinaryCodec.writeDecimal(out, t.revenueUsd[i]);
        }
        out.writeBoolean(t.entered);
        out.writeLong(t.lastEntryMinute);
    }

    private static ChartTotals read(DataInputStream in) throws IOException {
        ChartTotals t = new ChartTotals(in.readUTF());
        for (int i = 0; i < t.units.length; i++) {
            t.units[i] = in.readLong();
            t.revenueUsd[i] = BinaryCodec.readDecimal(in);
        }
        t.entered = in.readBoolean();
        t.lastEntryMinute = in.readLong();
        return t;
    }
}
