package io.tracktion.transformer.signals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One entity's spike state: its units per minute over the last 60 minutes (a ring), its hourly baseline, and
 * whether it is armed. Pure and small (a few hundred bytes per entity), kept inside its {@link EntityHistory}.
 */
final class SpikeDetector {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final int RING = 60;

    private final int[] minutes = new int[RING];
    /** Epoch minute of the ring's newest slot; -1 before the first sale. */
    private long lastMinute = -1;
    /** Epoch hour being counted, and its units so far; earlier hours are in the rate. */
    private long hour = -1;
    private int hourUnits;
    private double rate;
    private int hoursSeen;
    private boolean armed = true;
    /** Epoch minute of the last spike: an episode is named by its minute, so two never share one. */
    private long lastSpikeMinute = -1;

    /** What one evaluation found. */
    record Evaluation(boolean fires, int observed, double expected, double probability) {
    }

    void add(long timeMillis, int sign, SpikeRules rules) {
        long minute = Math.floorDiv(timeMillis, MINUTE);
        if (lastMinute < 0) {
            lastMinute = minute;
        }
        if (minute > lastMinute) {
            for (long m = Math.max(lastMinute + 1, minute - RING + 1); m <= minute; m++) {
                minutes[(int) Math.floorMod(m, RING)] = 0;
            }
            lastMinute = minute;
        }
        if (minute > lastMinute - RING) {
            minutes[(int) Math.floorMod(minute, RING)] += sign;
        }
        long h = Math.floorDiv(timeMillis, HOUR);
        if (hour < 0) {
            hour = h;
        }
        if (h > hour) {
            fold(hourUnits, rules);
            long emptyHours = Math.min(h - hour - 1, 100_000);
            rate *= Math.pow(1 - rules.weight(), emptyHours);
            hoursSeen = (int) Math.min(Integer.MAX_VALUE, hoursSeen + emptyHours);
            hour = h;
            hourUnits = 0;
        }
        if (h == hour) {
            hourUnits += sign; // a sale for an hour already folded in is left out of the baseline
        }
    }

    private void fold(int units, SpikeRules rules) {
        rate = rate * (1 - rules.weight()) + rules.weight() * units;
        hoursSeen++;
    }

    /** Units in the 60 minutes ending with the newest sale's minute. */
    int observed() {
        int sum = 0;
        for (int units : minutes) {
            sum += units;
        }
        return sum;
    }

    /** The baseline's mean for an hour: the bias-corrected weighted rate of the hours before this one, or the floor. */
    double expected(SpikeRules rules) {
        double corrected = hoursSeen == 0 ? 0 : rate / (1 - Math.pow(1 - rules.weight(), hoursSeen));
        return Math.max(rules.floorPerHour(), corrected);
    }

    /** Evaluates the last hour after a sale: fires once per episode; re-arms when the hour is plausible again. */
    Evaluation evaluate(SpikeRules rules) {
        int observed = observed();
        double expected = expected(rules);
        double probability = observed < rules.minUnits() ? 1.0 : Poisson.upperTail(observed, expected);
        boolean improbable = observed >= rules.minUnits() && probability < rules.probability();
        boolean fires = improbable && armed && lastMinute != lastSpikeMinute;
        if (fires) {
            armed = false;
            lastSpikeMinute = lastMinute;
        } else if (!improbable && (observed < rules.minUnits() || probability >= rules.rearmProbability())) {
            armed = true;
        }
        return new Evaluation(fires, observed, expected, probability);
    }

    void write(DataOutputStream out) throws IOException {
        for (int units : minutes) {
            out.writeInt(units);
        }
        out.writeLong(lastMinute);
        out.writeLong(hour);
        out.writeInt(hourUnits);
        out.writeDouble(rate);
        out.writeInt(hoursSeen);
        out.writeBoolean(armed);
        out.writeLong(lastSpikeMinute);
    }

    static SpikeDetector read(DataInputStream in) throws IOException {
        SpikeDetector d = new SpikeDetector();
        for (int i = 0; i < RING; i++) {
            d.minutes[i] = in.readInt();
        }
        d.lastMinute = in.readLong();
        d.hour = in.readLong();
        d.hourUnits = in.readInt();
        d.rate = in.readDouble();
        d.hoursSeen = in.readInt();
        d.armed = in.readBoolean();
        d.lastSpikeMinute = in.readLong();
        return d;
    }
}
