package io.tracktion.simulator.random;

import java.util.Arrays;
import java.util.List;

/** Picks among fixed options with fixed weights (cumulative table + binary search). */
public final class WeightedChoice<T> {

    private final List<T> options;
    private final double[] cumulative;

    public WeightedChoice(List<T> options, double[] weights) {
        if (options.isEmpty() || options.size() != weights.length) {
            throw new IllegalArgumentException("need one weight per option, and at least one option");
        }
        this.options = List.copyOf(options);
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("negative weight at " + i);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
    }

    /** Zipf-like popularity: the option at rank r (0 = most popular) gets weight 1 / (r + 1)^exponent. */
    public static <T> WeightedChoice<T> zipf(List<T> byRank, double exponent) {
        double[] weights = new double[byRank.size()];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = 1.0 / Math.pow(r + 1, exponent);
        }
        return new WeightedChoice<>(byRank, weights);
    }

    public T pick(SeededRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        // binarySearch returns (-(insertion point) - 1) when not found; the insertion point is our bucket.
        int bucket = index >= 0 ? index + 1 : -index - 1;
        return options.get(Math.min(bucket, options.size() - 1));
    }
}
