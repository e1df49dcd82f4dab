package io.tracktion.transformer.topology;

import io.tracktion.transformer.signals.SpikeRules;
import java.time.Duration;

/**
 * The settings of the analytics parts of the topology (see application.yml for their variables).
 *
 * @param enrichWait          ENRICH_WAIT: how long a sale waits for its release before it is written as unknown
 * @param statsGrace          STATS_GRACE: how long after its end, in stream time, a window takes late sales before
 *                            its final record
 * @param statsRetention      STATS_RETENTION: how long after closing a window can still be corrected (and a sale
 *                            written as unknown re-attributed)
 * @param emitInterval        STATS_EMIT_INTERVAL: how often changed windows and charts are written (wall clock)
 * @param spikeRules          SIGNALS_SPIKE_*: when a last hour is a spike
 * @param chartEntryMinUnits  SIGNALS_CHART_ENTRY_MIN_UNITS: units over 24 hours an entry into a top 10 needs
 */
public record AnalyticsSettings(Duration enrichWait, Duration statsGrace, Duration statsRetention,
                                Duration emitInterval, SpikeRules spikeRules, long chartEntryMinUnits) {

    public static final AnalyticsSettings DEFAULTS = new AnalyticsSettings(Duration.ofSeconds(10),
            Duration.ofMinutes(10), Duration.ofDays(2), Duration.ofMillis(250), SpikeRules.DEFAULTS, 3);

    public AnalyticsSettings {
        requirePositive("ENRICH_WAIT", enrichWait);
        if (statsGrace.isNegative()) {
            throw new IllegalArgumentException("STATS_GRACE must not be negative, not " + statsGrace);
        }
        requirePositive("STATS_RETENTION", statsRetention);
        requirePositive("STATS_EMIT_INTERVAL", emitInterval);
        if (chartEntryMinUnits < 1) {
            throw new IllegalArgumentException("SIGNALS_CHART_ENTRY_MIN_UNITS must be at least 1");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
