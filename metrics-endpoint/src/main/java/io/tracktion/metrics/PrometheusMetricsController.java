package io.tracktion.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/**
 * {@code GET /metrics}: every meter of the service in the Prometheus text format, for a Prometheus scrape.
 * Micronaut's own {@code /metrics} endpoint (JSON) is switched off in each service's configuration for it.
 */
@Controller("/metrics")
public class PrometheusMetricsController {

    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public PrometheusMetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get
    @Produces(CONTENT_TYPE)
    public String scrape() {
        return registry.scrape();
    }
}
