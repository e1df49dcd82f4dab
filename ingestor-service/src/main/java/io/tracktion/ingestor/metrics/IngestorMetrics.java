package io.tracktion.ingestor.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tracktion.ingestor.enrich.ReleaseEnricher;
import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.poll.FeedStatus;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;

/**
 * The ingestor's own meters, read from the counters it keeps anyway (see README, "Metrics"). Per-minute rates
 * are Prometheus' {@code rate(...[1m])} of the totals.
 */
@Singleton
public class IngestorMetrics implements MeterBinder {

    private final FeedStatus feed;
    private final ReleaseEnricher enricher;
    private final BandcampHttp bandcamp;

    public IngestorMetrics(FeedStatus feed, ReleaseEnricher enricher, BandcampHttp bandcamp) {
        this.feed = feed;
        this.enricher = enricher;
        this.bandcamp = bandcamp;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tracktion.feed.lag", feed, status -> status.lagSeconds() == null ? Double.NaN : status.lagSeconds())
                .baseUnit("seconds")
                .description("server_time - end_date of the last window published: how far behind the feed the ingestor is")
                .register(registry);
        counter(registry, "tracktion.feed.windows", "Feed windows published", s -> s.view().windowsRead());
        counter(registry, "tracktion.feed.items", "Sold items published to bandcamp.sales.raw", s -> s.view().itemsPublished());
        counter(registry, "tracktion.feed.other.events", "Events whose type is not sale", s -> s.view().nonSaleEvents());
        counter(registry, "tracktion.feed.dead.letters", "Feed events sent to bandcamp.salesfeed.dlq",
                s -> s.view().unreadableEvents());
        FunctionCounter.builder("tracktion.feed.gaps", feed, s -> s.view().gapsFound())
                .tag("state", "found").description("Gaps in the feed").register(registry);
        FunctionCounter.builder("tracktion.feed.gaps", feed, s -> s.view().gapsClosed())
                .tag("state", "closed").description("Gaps in the feed").register(registry);

        for (String outcome : enricher.stats().fetchesByOutcome().keySet()) {
            FunctionCounter.builder("tracktion.release.fetches", enricher, e -> e.stats().fetchesByOutcome().get(outcome))
                    .tag("outcome", outcome)
                    .description("Release page fetches by outcome (failed ones are tried again; gave_up: left pending)")
                    .register(registry);
        }
        FunctionCounter.builder("tracktion.release.cache.hits", enricher, e -> e.stats().cacheHits())
                .description("Sales naming a release already known and fresh: no fetch").register(registry);
        Gauge.builder("tracktion.release.cache.size", enricher, ReleaseEnricher::cachedReleases)
                .description("Releases in the cache (bandcamp.releases)").register(registry);
        Gauge.builder("tracktion.release.fetch.queue", enricher, ReleaseEnricher::queuedFetches)
                .description("Release pages waiting to be fetched").register(registry);

        FunctionCounter.builder("tracktion.bandcamp.requests", bandcamp, BandcampHttp::requestsSent)
                .description("Requests sent to Bandcamp, feed and pages").register(registry);
        FunctionCounter.builder("tracktion.bandcamp.rate.limited", bandcamp, BandcampHttp::rateLimitedAnswers)
                .description("Answers 429 Too Many Requests").register(registry);
        Gauge.builder("tracktion.bandcamp.circuit.open", bandcamp, b -> b.circuits().anyOpen() ? 1 : 0)
                .description("1 while a circuit breaker keeps requests from a failing host").register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<FeedStatus> value) {
        FunctionCounter.builder(name, feed, value).description(description).register(registry);
    }
}
