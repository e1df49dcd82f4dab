package io.tracktion.simulator.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults queued for the next feed requests, consumed first-in first-out: {@code rateLimited(2, 5s)} then
 * {@code serverError(1)} means the next two feed requests get 429 and the third gets 500. Corruptions are
 * queued separately and each damages one item of the next window that has sales in it. Thread-safe.
 */
public final class Faults {

    private final Deque<Pending> requestFaults = new ArrayDeque<>();
    private final Deque<Corruption> corruptions = new ArrayDeque<>();

    public Faults rateLimited(int requests, Duration retryAfter) {
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        return add(requests, new RequestFault(RequestFault.Kind.RATE_LIMITED, Duration.ofSeconds(retryAfter.toSeconds())));
    }

    public Faults serverError(int requests) {
        return add(requests, new RequestFault(RequestFault.Kind.SERVER_ERROR, Duration.ZERO));
    }

    public Faults slow(int requests, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return add(requests, new RequestFault(RequestFault.Kind.SLOW, delay));
    }

    public Faults truncatedJson(int requests) {
        return add(requests, new RequestFault(RequestFault.Kind.TRUNCATED_JSON, Duration.ZERO));
    }

    public Faults htmlErrorPage(int requests) {
        return add(requests, new RequestFault(RequestFault.Kind.HTML_ERROR_PAGE, Duration.ZERO));
    }

    /** The next {@code requests} {@code get} windows start {@code by} earlier than asked (overlapping windows). */
    public Faults rewind(int requests, Duration by) {
        if (by.isNegative() || by.isZero()) {
            throw new IllegalArgumentException("by must be positive");
        }
        return add(requests, new RequestFault(RequestFault.Kind.REWIND, Duration.ofSeconds(by.toSeconds())));
    }

    /** The next {@code requests} {@code get} windows start {@code by} later than asked (a gap in the feed). */
    public Faults skipAhead(int requests, Duration by) {
        if (by.isNegative() || by.isZero()) {
            throw new IllegalArgumentException("by must be positive");
        }
        return add(requests, new RequestFault(RequestFault.Kind.SKIP_AHEAD, Duration.ofSeconds(by.toSeconds())));
    }

    /** Damage one item in each of the next {@code windows} non-empty windows. */
    public synchronized Faults corruptItem(int windows, Corruption corruption) {
        requirePositive(windows);
        Objects.requireNonNull(corruption, "corruption");
        for (int i = 0; i < windows; i++) {
            corruptions.add(corruption);
        }
        return this;
    }

    public synchronized void clear() {
        requestFaults.clear();
        corruptions.clear();
    }

    /** Human-readable pending faults, in the order they will strike. */
    public synchronized List<String> pending() {
        List<String> pending = new ArrayList<>();
        requestFaults.forEach(p -> pending.add(p.fault.describe() + " x" + p.remaining));
        corruptions.forEach(c -> pending.add("CORRUPT_ITEM(" + c + ")"));
        return pending;
    }

    /** Takes the fault for the feed request being served now, if any. */
    public synchronized Optional<RequestFault> nextRequestFault() {
        Pending head = requestFaults.peekFirst();
        if (head == null) {
            return Optional.empty();
        }
        if (--head.remaining == 0) {
            requestFaults.removeFirst();
        }
        return Optional.of(head.fault);
    }

    /** Takes the corruption for a non-empty window being served now, if any. */
    public synchronized Optional<Corruption> nextCorruption() {
        return Optional.ofNullable(corruptions.pollFirst());
    }

    private synchronized Faults add(int requests, RequestFault fault) {
        requirePositive(requests);
        requestFaults.add(new Pending(fault, requests));
        return this;
    }

    private static void requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }

    private static final class Pending {
        private final RequestFault fault;
        private int remaining;

        private Pending(RequestFault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
