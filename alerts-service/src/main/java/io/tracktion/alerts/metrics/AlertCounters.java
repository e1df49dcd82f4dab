package io.tracktion.alerts.metrics;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the service did, counted where it happens and read by {@link AlertMetrics}. */
@Singleton
public class AlertCounters {

    private final LongAdder alerts = new LongAdder();
    private final LongAdder held = new LongAdder();
    private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();

    /** New alerts written to the outbox (a replay's are not new). */
    public void alerted(int count) {
        alerts.add(count);
    }

    /** A message held back by the per-address cap. */
    public void held() {
        held.increment();
    }

    /** A message's outcome on a channel: sent, retried (will be tried again) or failed (refused for good). */
    public void message(String channel, String outcome) {
        messages.computeIfAbsent(channel + "|" + outcome, k -> new LongAdder()).increment();
    }

    long alertsTotal() {
        return alerts.sum();
    }

    long heldTotal() {
        return held.sum();
    }

    long messages(String channel, String outcome) {
        LongAdder count = messages.get(channel + "|" + outcome);
        return count == null ? 0 : count.sum();
    }
}
