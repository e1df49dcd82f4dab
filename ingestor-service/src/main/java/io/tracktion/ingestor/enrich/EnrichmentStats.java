package io.tracktion.ingestor.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the release fetcher since start, for /feed/status and /metrics. Thread-safe. */
public final class EnrichmentStats {

    final AtomicLong known = new AtomicLong();
    final AtomicLong gone = new AtomicLong();
    final AtomicLong unreadable = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    final AtomicLong gaveUp = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong discovered = new AtomicLong();
    final AtomicLong refreshes = new AtomicLong();
    final AtomicLong sinkFailures = new AtomicLong();

    /** Page fetches by outcome: known, gone, unreadable, failed (tried again), gave_up. */
    public Map<String, Long> fetchesByOutcome() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("known", known.get());
        outcomes.put("gone", gone.get());
        outcomes.put("unreadable", unreadable.get());
        outcomes.put("failed", failedAttempts.get());
        outcomes.put("gave_up", gaveUp.get());
        return outcomes;
    }

    /** Sales that named a release already known and fresh: no fetch. */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** Releases first named by a sale since start. */
    public long discovered() {
        return discovered.get();
    }

    public long refreshes() {
        return refreshes.get();
    }
}
