package io.tracktion.ingestor.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.tracktion.ingestor.enrich.ReleaseEnricher;
import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.poll.FeedStatus;
import io.tracktion.schemas.SchemaRegistryProbe;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UP when the poller thread runs, a Kafka broker answers and the schema registry holds the ingestor's subjects (or
 * did, and is away now: ids are cached, see {@link SchemaRegistryProbe.Result#healthy()}). Feed errors do not make the service DOWN
 * (Bandcamp being away is not our fault, and restarting would not help); they show in the details, as do open
 * circuits and a Retry-After pause.
 */
@Singleton
public class IngestorHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestorHealthIndicator.class);
    private static final int KAFKA_TIMEOUT_MS = 3000;

    private final FeedStatus status;
    private final Admin admin;
    private final SchemaRegistryProbe registryProbe;
    private final BandcampHttp bandcamp;
    private final ReleaseEnricher enricher;

    public IngestorHealthIndicator(FeedStatus status, Admin admin, SchemaRegistryProbe registryProbe,
                                   BandcampHttp bandcamp, ReleaseEnricher enricher) {
        this.status = status;
        this.admin = admin;
        this.registryProbe = registryProbe;
        this.bandcamp = bandcamp;
        this.enricher = enricher;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean pollerRunning = status.isPollerRunning();
        details.put("pollerRunning", pollerRunning);
        String kafkaProblem = kafkaProblem();
        details.put("kafkaReachable", kafkaProblem == null);
        if (kafkaProblem != null) {
            details.put("kafkaError", kafkaProblem);
        }
        SchemaRegistryProbe.Result registry = registryProbe.check();
        details.put("schemaRegistry", registry.details());
        FeedStatus.View view = status.view();
        details.put("consecutiveFailures", view.consecutiveFailures());
        if (view.cursorEndDate() != null) {
            details.put("cursorEndDate", view.cursorEndDate());
        }
        // A host whose circuit is open is left alone for a while; it shows here, without making us DOWN.
        Map<String, Object> bandcampDetails = new LinkedHashMap<>();
        bandcampDetails.put("circuitOpen", bandcamp.circuits().anyOpen());
        bandcampDetails.put("circuits", bandcamp.circuits().describe());
        bandcampDetails.put("pausedForRetryAfterMs", bandcamp.pacer().pausedFor().toMillis());
        details.put("bandcamp", bandcampDetails);
        details.put("releaseCache", Map.of("loaded", enricher.isLoaded(), "releases", enricher.cachedReleases(),
                "queuedFetches", enricher.queuedFetches()));
        healthStatus = pollerRunning && kafkaProblem == null && registry.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    /** Null when a broker answered; otherwise what went wrong. */
    private String kafkaProblem() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(KAFKA_TIMEOUT_MS))
                    .nodes().get(KAFKA_TIMEOUT_MS + 1000L, TimeUnit.MILLISECONDS).size();
            return brokers > 0 ? null : "no broker in the cluster";
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Health check: Kafka is not reachable: {}", e.toString());
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    protected String getName() {
        return "ingestor";
    }
}
