package io.tracktion.api.stats;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rollups' windows, UTC: each with its table, a default span and the most points one answer holds. */
public enum StatsInterval {
    MINUTE("minute", "stats_minute", ChronoUnit.MINUTES, Duration.ofHours(1), 1_440),
    HOUR("hour", "stats_hour", ChronoUnit.HOURS, Duration.ofHours(24), 24 * 31),
    DAY("day", "stats_day", ChronoUnit.DAYS, Duration.ofDays(30), 3_660);

    private final String id;
    private final String table;
    private final ChronoUnit unit;
    private final Duration defaultSpan;
    private final int maxPoints;

    StatsInterval(String id, String table, ChronoUnit unit, Duration defaultSpan, int maxPoints) {
        this.id = id;
        this.table = table;
        this.unit = unit;
        this.defaultSpan = defaultSpan;
        this.maxPoints = maxPoints;
    }

    public String id() {
        return id;
    }

    public String table() {
        return table;
    }

    public Duration defaultSpan() {
        return defaultSpan;
    }

    public int maxPoints() {
        return maxPoints;
    }

    /** The start of the window holding {@code instant}. */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** The start of the first window at or after {@code instant}. */
    public Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : floor.plus(1, unit);
    }

    /** How many of these windows lie between two window starts. */
    public long between(Instant from, Instant to) {
        return unit.between(from, to);
    }

    public Instant next(Instant start) {
        return start.plus(1, unit);
    }

    @Nullable
    public static StatsInterval of(String id) {
        for (StatsInterval interval : values()) {
            if (interval.id.equals(id)) {
                return interval;
            }
        }
        return null;
    }
}
