package io.tracktion.transformer.stats;

import io.tracktion.schemas.Topics;
import java.time.Duration;

/** The tumbling windows stats are kept in, aligned to UTC (epoch milliseconds are UTC). */
public enum Interval {
    MINUTE("minute", 'm', Duration.ofMinutes(1), Topics.STATS_MINUTE_NAME),
    HOUR("hour", 'h', Duration.ofHours(1), Topics.STATS_HOUR_NAME),
    DAY("day", 'd', Duration.ofDays(1), Topics.STATS_DAY_NAME);

    private final String id;
    private final char code;
    private final long sizeMillis;
    private final String topic;

    Interval(String id, char code, Duration size, String topic) {
        this.id = id;
        this.code = code;
        this.sizeMillis = size.toMillis();
        this.topic = topic;
    }

    public String id() {
        return id;
    }

    /** The first character of the interval's store keys. */
    char code() {
        return code;
    }

    public long sizeMillis() {
        return sizeMillis;
    }

    public String topic() {
        return topic;
    }

    /** Start of the window holding {@code timeMillis}. */
    public long startOf(long timeMillis) {
        return Math.floorDiv(timeMillis, sizeMillis) * sizeMillis;
    }

    static Interval ofCode(char code) {
        for (Interval interval : values()) {
            if (interval.code == code) {
                return interval;
            }
        }
        throw new IllegalArgumentException("No interval " + code);
    }

    public static Interval ofId(String id) {
        for (Interval interval : values()) {
            if (interval.id.equals(id)) {
                return interval;
            }
        }
        throw new IllegalArgumentException("No interval " + id);
    }
}
