package io.tracktion.simulator.random;

import java.util.List;

/**
 * SplitMix64: a tiny random generator whose output is fixed by its seed on every JVM, which is what makes
 * the simulator's data a pure function of (seed, time). {@link java.util.SplittableRandom} does not promise
 * a stable sequence across Java versions.
 */
public final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A generator for one sub-stream, e.g. (seed, epoch minute): mixing keeps neighbouring keys unrelated. */
    public static SeededRandom of(long seed, long stream) {
        return new SeededRandom(mix(seed ^ mix(stream + GOLDEN_GAMMA)));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform in [from, to] (both inclusive). */
    public int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** Uniform in [from, to) for longs. */
    public long between(long from, long to) {
        return from + Math.floorMod(nextLong(), to - from);
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    public <T> T pick(List<T> options) {
        return options.get(nextInt(options.size()));
    }

    public <T> T pick(T[] options) {
        return options[nextInt(options.length)];
    }

    /** A Poisson-distributed count; large means are summed from small chunks to keep exp() from underflowing. */
    public int poisson(double mean) {
        int total = 0;
        double remaining = mean;
        while (remaining > 0) {
            double chunk = Math.min(remaining, 30.0);
            total += knuthPoisson(chunk);
            remaining -= chunk;
        }
        return total;
    }

    private int knuthPoisson(double mean) {
        double limit = Math.exp(-mean);
        double product = nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= nextDouble();
        }
        return count;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
