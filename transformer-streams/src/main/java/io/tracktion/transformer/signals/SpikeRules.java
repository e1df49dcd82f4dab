package io.tracktion.transformer.signals;

import java.time.Duration;

/**
 * When a last hour is a spike: at least {@code minUnits} sold in it, and that many or more has a probability below
 * {@code probability} under the entity's baseline, a Poisson mean of max({@code floorPerHour}, its exponentially
 * weighted hourly rate). The rate weighs each past hour by (1 - 1/{@code baselineHours}) per hour since, so about
 * the last week counts (168 hours by default), and is corrected for the few hours a young entity has, so an entity
 * that has sold 6 an hour for a day expects 6, not 1. An episode ends, and the detector re-arms, when the last hour
 * is plausible again: fewer than {@code minUnits}, or a probability of at least {@code rearmProbability}.
 */
public record SpikeRules(double probability, double rearmProbability, int minUnits, double floorPerHour,
                         int baselineHours) {

    public static final SpikeRules DEFAULTS = new SpikeRules(0.001, 0.05, 5, 0.5, (int) Duration.ofDays(7).toHours());

    public SpikeRules {
        if (!(probability > 0 && probability < 1) || !(rearmProbability >= probability && rearmProbability <= 1)) {
            throw new IllegalArgumentException("Spike probabilities must satisfy 0 < probability <= rearm <= 1, not "
                    + probability + " and " + rearmProbability);
        }
        if (minUnits < 1 || floorPerHour <= 0 || baselineHours < 1) {
            throw new IllegalArgumentException("Spike minimum units, floor and baseline hours must be positive");
        }
    }

    double weight() {
        return 1.0 / baselineHours;
    }
}
