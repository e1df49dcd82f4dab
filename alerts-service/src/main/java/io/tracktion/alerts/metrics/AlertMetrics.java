package io.tracktion.alerts.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.List;

/** The service's own meters at {@code GET /metrics} (see README, "Metrics"). */
@Singleton
public class AlertMetrics implements MeterBinder {

    private final AlertCounters counters;

    public AlertMetrics(AlertCounters counters) {
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("tracktion.alerts", counters, AlertCounters::alertsTotal)
                .description("Alerts written to the outbox, once per subscription and signal or sale").register(registry);
        FunctionCounter.builder("tracktion.alerts.held", counters, AlertCounters::heldTotal)
                .description("Messages held back by ALERTS_MAX_PER_HOUR").register(registry);
        for (String channel : List.of("email", "webhook")) {
            for (String outcome : List.of("sent", "retried", "failed")) {
                FunctionCounter.builder("tracktion.alerts.messages", counters, c -> c.messages(channel, outcome))
                        .tag("channel", channel).tag("outcome", outcome)
                        .description("Messages by channel and outcome (retried: tried again later; failed: refused for good)")
                        .register(registry);
            }
        }
    }
}
