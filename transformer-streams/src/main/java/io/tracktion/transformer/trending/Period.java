package io.tracktion.transformer.trending;

import java.time.Duration;

/**
 * The periods a chart ranks over: the last hour in minute buckets (the current minute and the 59 before it),
 * the last 24 hours in hour buckets, and for each the period of the same length just before it.
 */
enum Period {
    LAST_HOUR(Window.HOUR, false),
    HOUR_BEFORE(Window.HOUR, true),
    LAST_DAY(Window.DAY, false),
    DAY_BEFORE(Window.DAY, true);

    /** A chart's window and the buckets it moves by. */
    enum Window {
        HOUR("1h", 'm', Duration.ofMinutes(1), 60),
        DAY("24h", 'h', Duration.ofHours(1), 24);

        final String id;
        final char code;
        final long bucketMillis;
        final int buckets;

        Window(String id, char code, Duration bucket, int buckets) {
            this.id = id;
            this.code = code;
            this.bucketMillis = bucket.toMillis();
            this.buckets = buckets;
        }

        long bucketOf(long timeMillis) {
            return Math.floorDiv(timeMillis, bucketMillis) * bucketMillis;
        }

        /** The first bucket of the current period when stream time is {@code now}. */
        long currentFrom(long now) {
            return bucketOf(now) - (buckets - 1) * bucketMillis;
        }

        /** The first bucket of the period before. */
        long previousFrom(long now) {
            return currentFrom(now) - buckets * bucketMillis;
        }

        Period current() {
            return this == HOUR ? LAST_HOUR : LAST_DAY;
        }

        Period previous() {
            return this == HOUR ? HOUR_BEFORE : DAY_BEFORE;
        }
    }

    final Window window;
    final boolean before;

    Period(Window window, boolean before) {
        this.window = window;
        this.before = before;
    }
}
