package io.tracktion.ingestor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.ingestor.testing.EnrichmentRig;
import io.tracktion.ingestor.testing.KafkaTopics;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.Topics;
import io.tracktion.simulator.BandcampSimulator;
import io.tracktion.simulator.ManualClock;
import io.tracktion.simulator.SimClock;
import io.tracktion.simulator.catalog.Artist;
import io.tracktion.simulator.pages.PageStyle;
import io.tracktion.testsupport.KafkaCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The release fetcher against a real broker and the simulator's pages: every release a sale names is fetched once
 * and read faithfully; failures leave a release unknown, never borrowed; restarts fetch nothing cached.
 * Each test uses its own seed, so its releases are its own.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReleaseEnrichmentKafkaTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final TagVocabulary VOCABULARY = TagVocabulary.shipped();

    @Test
    void everyReleaseSoldIsFetchedOnceAndReadAsTheCatalogueHasIt() throws Exception {
        ManualClock clock = SimClock.manual(T0);
        try (BandcampSimulator sim = simulator(101, clock); var rig = new EnrichmentRig(KAFKA, sim, EnrichmentRig.FAST_RETRIES)) {
            rig.catchUp();
            clock.advance(Duration.ofMinutes(20));
            rig.catchUp();

            Set<String> sold = rig.releaseUrlsSold();
            Map<String, Release> releases = EnrichmentRig.latestReleases(KAFKA);
            assertThat(sold).hasSizeGreaterThan(20);
            int noJsonLd = 0;
            for (String url : sold) {
                Release release = releases.get(url);
                assertThat(release).as(url).isNotNull();
                assertThat(release.getStatus()).as(url).isEqualTo(ReleaseStatus.KNOWN);
                assertThat(release.getId()).isEqualTo(EntityIds.release(url));
                assertThat(sim.pageHits().of(url.substring("https://".length()))).as("fetches of " + url).isEqualTo(1);
                Artist artist = sim.catalog().artistAt(URI.create(url).getHost()).orElseThrow();
                assertMatchesCatalogue(release, artist);
                noJsonLd += PageStyle.of(artist) == PageStyle.NO_JSON_LD ? 1 : 0;
            }
            assertThat(rig.enricher().stats().discovered()).isEqualTo(sold.size());
            assertThat(rig.enricher().stats().cacheHits()).isPositive(); // later sales of releases already known
            assertThat(noJsonLd).as("pages without JSON-LD among those sold").isPositive();
        }
    }

    @Test
    void aRestartedIngestorFetchesNothingCachedAndFresh() throws Exception {
        ManualClock clock = SimClock.manual(T0);
        try (BandcampSimulator sim = simulator(202, clock)) {
            Set<String> before;
            try (var first = new EnrichmentRig(KAFKA, sim, EnrichmentRig.FAST_RETRIES)) {
                first.catchUp();
                before = first.releaseUrlsSold();
            }
            long hitsBefore = sim.pageHits().total();
            assertThat(hitsBefore).isEqualTo(before.size());

            clock.advance(Duration.ofMinutes(30));
            try (var second = new EnrichmentRig(KAFKA, sim, EnrichmentRig.FAST_RETRIES)) {
                second.catchUp();
                Set<String> after = second.releaseUrlsSold();
                for (String url : before) {
                    assertThat(sim.pageHits().of(url.substring("https://".length()))).as(url).isEqualTo(1);
                }
                long newReleases = after.stream().filter(url -> !before.contains(url)).count();
                assertThat(sim.pageHits().total()).isEqualTo(hitsBefore + newReleases);
                assertThat(second.enricher().cachedReleases()).isGreaterThanOrEqualTo(after.size());
            }
        }
    }

    @Test
    void aPageOlderThanTheRefreshPeriodIsFetchedAgainWhenASaleNamesIt() throws Exception {
        ManualClock clock = SimClock.manual(T0);
        ReleaseEnricher.Settings refreshFast = new ReleaseEnricher.Settings(Duration.ofSeconds(1), 3,
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(1), true);
        try (BandcampSimulator sim = simulator(606, clock); var rig = new EnrichmentRig(KAFKA, sim, refreshFast)) {
            rig.catchUp();
            Set<String> before = rig.releaseUrlsSold();
            Instant lastFetch = EnrichmentRig.latestReleases(KAFKA).values().stream().map(Release::getFetchedAt)
                    .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElseThrow();
            // Every page fetched is older than the refresh period once it has passed since the last fetch.
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(lastFetch.plusSeconds(1)));
            clock.advance(Duration.ofMinutes(60));
            rig.catchUp();
            Set<String> again = new java.util.HashSet<>(rig.releaseUrlsSold());
            assertThat(rig.enricher().stats().refreshes()).isPositive();
            assertThat(before).anyMatch(url -> sim.pageHits().of(url.substring("https://".length())) >= 2);
            // Every page fetch is a first fetch or a refresh, or a fetch tried again after an attempt failed: nothing
            // else was fetched again. On a loaded machine a page can miss the client's 2 s timeout (once in CI): the
            // simulator counted it if the request reached it, and the enricher asks again.
            long firstAndRefreshes = rig.enricher().stats().discovered() + rig.enricher().stats().refreshes();
            long failedAttempts = rig.enricher().stats().fetchesByOutcome().get("failed");
            assertThat(sim.pageHits().total()).isBetween(firstAndRefreshes, firstAndRefreshes + failedAttempts);
            assertThat(again).containsAll(before);
            Map<String, Release> releases = EnrichmentRig.latestReleases(KAFKA);
            assertThat(before).allMatch(url -> releases.get(url).getStatus().equals(ReleaseStatus.KNOWN));
        }
    }

    @Test
    void aFetchThatFailsBetweenTwoSuccessfulOnesLeavesThatReleaseUnknown() throws Exception {
        ManualClock clock = SimClock.manual(T0);
        try (BandcampSimulator sim = simulator(303, clock); var rig = new EnrichmentRig(KAFKA, sim, EnrichmentRig.FAST_RETRIES)) {
            // Find the releases this run will sell, then fail one page for good.
            List<String> sold;
            try (BandcampSimulator dryRun = simulator(303, SimClock.manual(T0));
                 var probe = new io.tracktion.ingestor.testing.FeedOnly(dryRun)) {
                sold = probe.releaseUrls();
            }
            assertThat(sold).hasSizeGreaterThanOrEqualTo(3);
            String broken = sold.get(1);
            sim.pageFaults().status(broken.substring("https://".length()), 500);

            rig.catchUp();

            Map<String, Release> releases = EnrichmentRig.latestReleases(KAFKA);
            Release middle = releases.get(broken);
            assertThat(middle.getStatus()).isEqualTo(ReleaseStatus.PENDING);
            assertThat(middle.getGenre()).isNull();
            assertThat(middle.getTags()).isEmpty();
            assertThat(middle.getArtist()).isNull();
            assertThat(middle.getLabel()).isNull();
            assertThat(middle.getLocation()).isNull();
            assertThat(middle.getTitle()).isNull();
            assertThat(releases.get(sold.get(0)).getStatus()).isEqualTo(ReleaseStatus.KNOWN);
            assertThat(releases.get(sold.get(2)).getStatus()).isEqualTo(ReleaseStatus.KNOWN);
            // Bounded: three attempts, then it waits for a later sale (after the cool-down) or a restart.
            assertThat(sim.pageHits().of(broken.substring("https://".length()))).isEqualTo(3);
            assertThat(rig.enricher().stats().fetchesByOutcome()).containsEntry("gave_up", 1L);
        }
    }

    @Test
    void goneAndUnreadablePagesAreSaidSoAndUnreadableOnesDeadLettered() throws Exception {
        ManualClock clock = SimClock.manual(T0);
        List<String> sold;
        try (BandcampSimulator dryRun = simulator(404, SimClock.manual(T0));
             var probe = new io.tracktion.ingestor.testing.FeedOnly(dryRun)) {
            sold = probe.releaseUrls();
        }
        try (BandcampSimulator sim = simulator(404, clock); var rig = new EnrichmentRig(KAFKA, sim, EnrichmentRig.FAST_RETRIES)) {
            sim.pageFaults().status(sold.get(0).substring("https://".length()), 410);
            sim.pageFaults().status(sold.get(1).substring("https://".length()), 404);
            rig.catchUp();
            Map<String, Release> releases = EnrichmentRig.latestReleases(KAFKA);
            assertThat(releases.get(sold.get(0)).getStatus()).isEqualTo(ReleaseStatus.GONE);
            assertThat(releases.get(sold.get(0)).getHttpStatus()).isEqualTo(410);
            assertThat(releases.get(sold.get(1)).getStatus()).isEqualTo(ReleaseStatus.GONE);
            assertThat(releases.get(sold.get(1)).getProblem()).isEqualTo("HTTP 404");

            // A maintenance page served as 200 names no release: unreadable, and the page goes to the dead letters.
            sim.pageFaults().notAPage(1);
            clock.advance(Duration.ofMinutes(30));
            rig.catchUp();
            List<ConsumerRecord<String, byte[]>> dead = KafkaTopics.readToEnd(KAFKA, Topics.RELEASES_DEAD_LETTER.name());
            assertThat(dead).hasSize(1);
            String url = dead.get(0).key();
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("maintenance");
            assertThat(header(dead.get(0), "tracktion.dlq.url")).isEqualTo(url);
            assertThat(header(dead.get(0), "tracktion.dlq.error")).contains("names no release");
            assertThat(EnrichmentRig.latestReleases(KAFKA).get(url).getStatus()).isEqualTo(ReleaseStatus.UNREADABLE);
        }
    }

    @Test
    void afterStormsInTheFeedAndThePagesTheOutputIsTheSameAsWithout() throws Exception {
        Run calm = run(505, sim -> { });
        EnrichmentRig.forget(KAFKA, calm.releases().keySet());
        Run stormy = run(505, sim -> {
            sim.faults().rateLimited(3, Duration.ofSeconds(1)).serverError(2).truncatedJson(1).htmlErrorPage(1)
                    .slow(1, Duration.ofSeconds(3)).rewind(1, Duration.ofMinutes(10)).skipAhead(1, Duration.ofMinutes(4));
            sim.pageFaults().rateLimited(6, Duration.ofSeconds(1)).serverError(2).truncated(2)
                    .slow(1, Duration.ofSeconds(3)).rateLimited(3, Duration.ZERO).serverError(1);
        });
        assertThat(stormy.saleIds()).isEqualTo(calm.saleIds());
        assertThat(stormy.releases()).isEqualTo(calm.releases());
        assertThat(stormy.gapsFound()).isEqualTo(1);
        assertThat(stormy.gapsClosed()).isEqualTo(1);
    }

    /** What a run ends with: the sold items, and every release sold as text without its fetch times. */
    private record Run(Set<String> saleIds, Map<String, String> releases, long gapsFound, long gapsClosed) {
    }

    private Run run(long seed, java.util.function.Consumer<BandcampSimulator> faults) throws Exception {
        ManualClock clock = SimClock.manual(T0);
        try (BandcampSimulator sim = simulator(seed, clock);
             var rig = new EnrichmentRig(KAFKA, sim, EnrichmentRig.FAST_RETRIES)) {
            rig.catchUp(); // get_initial first: the feed faults below strike the windows after it
            faults.accept(sim);
            clock.advance(Duration.ofMinutes(40));
            rig.catchUp();
            assertThat(sim.faults().pending()).as("feed faults that never struck").isEmpty();
            assertThat(sim.pageFaults().pending()).as("page faults that never struck").isEmpty();
            Map<String, Release> releases = EnrichmentRig.latestReleases(KAFKA);
            Map<String, String> described = new TreeMap<>();
            for (String url : rig.releaseUrlsSold()) {
                Release release = Release.newBuilder(releases.get(url))
                        .setFetchedAt(Instant.EPOCH).setFirstSeenAt(Instant.EPOCH).build();
                described.put(url, release.toString());
            }
            Set<String> saleIds = new java.util.TreeSet<>();
            KafkaTopics.rawSales(KAFKA, sim.baseUrl()).forEach(sale -> saleIds.add(sale.getSaleId()));
            return new Run(saleIds, described, rig.status().view().gapsFound(), rig.status().view().gapsClosed());
        }
    }

    private static BandcampSimulator simulator(long seed, ManualClock clock) {
        return BandcampSimulator.builder().seed(seed).salesPerMinute(6).clock(clock).build().start();
    }

    /** The release as read from its page agrees with the simulator's catalogue. */
    private static void assertMatchesCatalogue(Release release, Artist artist) {
        String url = release.getUrl();
        assertThat(release.getStatus()).as(url).isEqualTo(ReleaseStatus.KNOWN);
        assertThat(release.getArtist().getName()).as(url).isEqualTo(artist.name());
        assertThat(release.getArtist().getUrl()).as(url).isEqualTo(artist.rootUrl());
        assertThat(release.getArtist().getId()).as(url).isEqualTo(EntityIds.artist(artist.rootUrl()));
        boolean jsonLd = PageStyle.of(artist) != PageStyle.NO_JSON_LD;
        assertThat(release.getSource()).as(url).isEqualTo(jsonLd ? "json-ld" : "html");
        if ("merch".equals(release.getKind())) {
            assertThat(release.getTracks()).as(url).isEmpty();
            return;
        }
        String city = artist.location().split(",")[0];
        List<String> tags = new ArrayList<>();
        for (String tag : artist.tags()) {
            if (!tag.equals(city)) {
                tags.add(VOCABULARY.canonical(tag));
            }
        }
        assertThat(release.getGenre()).as(url).isEqualTo(VOCABULARY.canonical(artist.genre().displayName().toLowerCase(Locale.ROOT)));
        assertThat(release.getTags()).as(url).containsExactlyElementsOf(tags);
        if (jsonLd && artist.label() == null) {
            assertThat(release.getLocation()).as(url).isEqualTo(artist.location());
        } else {
            assertThat(release.getLocation()).as(url).isEqualTo(city);
        }
        assertThat(release.getCountryCode()).as(url).isNotNull();
        if (jsonLd && artist.label() != null) {
            assertThat(release.getLabel().getUrl()).as(url).isEqualTo(artist.label().rootUrl());
            assertThat(release.getLabel().getName()).as(url).isEqualTo(artist.label().name());
            assertThat(release.getLabel().getId()).as(url).isEqualTo(EntityIds.label(artist.label().rootUrl()));
        } else {
            assertThat(release.getLabel()).as(url).isNull();
        }
        assertThat(release.getReleaseDate()).as(url).isNotNull();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
