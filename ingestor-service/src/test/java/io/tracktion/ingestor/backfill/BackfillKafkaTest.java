package io.tracktion.ingestor.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.ingestor.testing.EnrichmentRig;
import io.tracktion.ingestor.testing.KafkaTopics;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.Topics;
import io.tracktion.simulator.BandcampSimulator;
import io.tracktion.simulator.ManualClock;
import io.tracktion.simulator.SimClock;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code backfill} against a real broker and the simulator: it fills the past through the live path, once. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BackfillKafkaTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void backfillsWhatTheLiveIngestorNeverSawOnceAndWithProgress() throws Exception {
        ManualClock clock = SimClock.manual(T0.plus(Duration.ofHours(2)));
        try (BandcampSimulator sim = BandcampSimulator.builder().seed(77).salesPerMinute(4).clock(clock).build().start()) {
            // The live ingestor starts now: it sees only the last window (get_initial).
            try (var live = new EnrichmentRig(KAFKA, sim, EnrichmentRig.FAST_RETRIES)) {
                live.catchUp();
            }
            int liveItems = KafkaTopics.rawSales(KAFKA, sim.baseUrl()).size();

            Map<String, String> env = Map.of("BANDCAMP_BASE_URL", sim.baseUrl(),
                    "BANDCAMP_PAGES_URL", sim.baseUrl() + "/_pages", "BANDCAMP_REQUESTS_PER_SECOND", "100",
                    "BANDCAMP_HTTP_TIMEOUT", "5s", "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
                    "SCHEMA_REGISTRY_URL", SchemaRegistry.url());
            String from = T0.toString();
            String to = T0.plus(Duration.ofHours(2)).toString();
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int exit = BackfillCommand.run(List.of("--from", from, "--to", to), env, new PrintStream(first, true));
            String output = first.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(output).isZero();
            assertThat(output).contains("[100%]").contains("already received, passed over")
                    .contains("Done: 11 windows fetched, 1 already received");

            List<RawSale> raw = KafkaTopics.rawSales(KAFKA, sim.baseUrl());
            Set<String> ids = new HashSet<>();
            raw.forEach(sale -> ids.add(sale.getSaleId()));
            assertThat(ids).hasSize(raw.size()); // nothing twice
            assertThat((long) ids.size()).isEqualTo(sim.ledger().items()); // every item served, live or backfilled
            assertThat(raw.size()).isGreaterThan(liveItems);

            // Again: every window is received already, so nothing is added.
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            assertThat(BackfillCommand.run(List.of("--from", from, "--to", to), env, new PrintStream(second, true))).isZero();
            assertThat(second.toString(StandardCharsets.UTF_8)).contains("Done: 0 windows fetched, 12 already received");
            assertThat(KafkaTopics.rawSales(KAFKA, sim.baseUrl())).hasSize(raw.size());

            RegistryAvroSerde<FeedWindowReceived> windows = RegistryAvroSerde.feedWindowReceived(SchemaRegistry.shared());
            long backfilled = KafkaTopics.readToEnd(KAFKA, Topics.FEED_WINDOWS.name()).stream()
                    .map(record -> windows.deserialize(record.topic(), record.value()))
                    .filter(w -> w.getFeedBaseUrl().equals(sim.baseUrl()) && w.getBackfill()).count();
            assertThat(backfilled).isEqualTo(11);
            // The releases the backfilled sales name were fetched, like live ones.
            Map<String, Release> releases = EnrichmentRig.latestReleases(KAFKA);
            assertThat(releases.values()).isNotEmpty().allMatch(r -> r.getStatus().equals(ReleaseStatus.KNOWN));
        }
    }

    @Test
    void aWindowServedLaterThanAskedIsAGapAndIsNotFetchedAgainOnTheNextRun() throws Exception {
        ManualClock clock = SimClock.manual(T0.plus(Duration.ofHours(3)));
        try (BandcampSimulator sim = BandcampSimulator.builder().seed(78).salesPerMinute(4).clock(clock).build().start()) {
            sim.faults().skipAhead(1, Duration.ofMinutes(4));
            Map<String, String> env = Map.of("BANDCAMP_BASE_URL", sim.baseUrl(),
                    "BANDCAMP_PAGES_URL", sim.baseUrl() + "/_pages", "BANDCAMP_REQUESTS_PER_SECOND", "100",
                    "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(), "SCHEMA_REGISTRY_URL", SchemaRegistry.url());
            List<String> range = List.of("--from", T0.toString(), "--to", T0.plus(Duration.ofMinutes(30)).toString());
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            assertThat(BackfillCommand.run(range, env, new PrintStream(first, true))).isZero();
            assertThat(first.toString(StandardCharsets.UTF_8)).contains("a gap before it")
                    .contains("Done: 3 windows fetched, 0 already received");
            int published = KafkaTopics.rawSales(KAFKA, sim.baseUrl()).size();

            ByteArrayOutputStream second = new ByteArrayOutputStream();
            assertThat(BackfillCommand.run(range, env, new PrintStream(second, true))).isZero();
            assertThat(second.toString(StandardCharsets.UTF_8)).contains("Done: 0 windows fetched, 3 already received");
            assertThat(KafkaTopics.rawSales(KAFKA, sim.baseUrl())).hasSize(published);
        }
    }

    @Test
    void refusesNonsenseArguments() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(BackfillCommand.run(List.of("--from", "yesterday", "--to", "2026-11-30T00:00:00Z"), Map.of(),
                new PrintStream(out, true))).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--from must be an ISO-8601 instant").contains("Usage");
        assertThat(BackfillCommand.run(List.of("--from", "2026-11-30T00:00:00Z", "--to", "2026-11-29T00:00:00Z"),
                Map.of(), new PrintStream(new ByteArrayOutputStream(), true))).isEqualTo(2);
        assertThat(BackfillCommand.run(List.of(), Map.of(), new PrintStream(new ByteArrayOutputStream(), true))).isEqualTo(2);
    }
}
