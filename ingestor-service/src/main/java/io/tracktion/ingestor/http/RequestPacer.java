package io.tracktion.ingestor.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One rate limit for every request to Bandcamp, feed and pages together: requests leave at most
 * {@code requestsPerSecond} apart, in the order they asked, and none leaves while a {@code Retry-After} pause
 * is in force. Thread-safe.
 */
public final class RequestPacer {

    /** Sleeps for a number of nanoseconds; tests replace it. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextSlot;
    private long pausedUntil;
    private long waits;

    public RequestPacer(double requestsPerSecond) {
        this(requestsPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** With its own time source and sleep, for tests. */
    public RequestPacer(double requestsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests per second must be a positive number: " + requestsPerSecond);
        }
        this.intervalNanos = Math.max(1, (long) (1_000_000_000L / requestsPerSecond));
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        long now = nanoTime.getAsLong();
        this.nextSlot = now;
        this.pausedUntil = now;
    }

    /** Waits for this request's turn. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = Math.max(now, Math.max(nextSlot, pausedUntil));
            nextSlot = slot + intervalNanos;
            wait = slot - now;
            if (wait > 0) {
                waits++;
            }
        }
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** No request leaves for {@code pause} from now (a 429's Retry-After). */
    public synchronized void pause(Duration pause) {
        long until = nanoTime.getAsLong() + Math.min(pause.toNanos(), Duration.ofDays(1).toNanos());
        pausedUntil = Math.max(pausedUntil, until);
    }

    /** How long from now requests stay paused; zero when they are not. */
    public synchronized Duration pausedFor() {
        return Duration.ofNanos(Math.max(0, pausedUntil - nanoTime.getAsLong()));
    }

    /** Requests that had to wait for their turn. */
    public synchronized long waits() {
        return waits;
    }
}
