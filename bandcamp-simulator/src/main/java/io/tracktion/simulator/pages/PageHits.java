package io.tracktion.simulator.pages;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How often each release page was asked for (every answer counts, faults too): ground truth for cache tests. */
public final class PageHits {

    private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();

    void hit(String host, String path) {
        hits.computeIfAbsent(host + path.replaceAll("/+$", ""), page -> new AtomicLong()).incrementAndGet();
    }

    /** Requests for one page, named {@code host/path}. */
    public long of(String page) {
        AtomicLong count = hits.get(page.replaceFirst("^(https?:)?//", "").replaceAll("/+$", ""));
        return count == null ? 0 : count.get();
    }

    public long total() {
        return hits.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Every page asked for, with its count, sorted. */
    public Map<String, Long> all() {
        Map<String, Long> all = new TreeMap<>();
        hits.forEach((page, count) -> all.put(page, count.get()));
        return all;
    }
}
