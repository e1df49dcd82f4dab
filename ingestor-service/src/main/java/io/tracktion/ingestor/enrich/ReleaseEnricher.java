package io.tracktion.ingestor.enrich;

import io.tracktion.ingestor.enrich.ReleaseSink.ReleaseSinkException;
import io.tracktion.ingestor.kafka.TopicReader;
import io.tracktion.ingestor.poll.ReleaseDiscovery;
import io.tracktion.ingestor.publish.PublishException;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryUnavailableException;
import io.tracktion.schemas.Topics;
import io.tracktion.schemas.UnknownSchemaIdException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release fetcher: fetches each release page once, on a thread of its own, outside any topology.
 *
 * <p>The poller hands it the releases its sales name ({@link ReleaseDiscovery}). A release never seen gets a
 * pending record in the sale's transaction, then its page is fetched and the result replaces the pending record
 * in {@code bandcamp.releases}. That compacted topic is the cache: at start it is read back, pending releases are
 * fetched, and a known one is fetched again only once it is older than {@code refreshAfter} and a sale names it.
 *
 * <p>A fetch that fails (server error, timeout, broken connection) is tried again with exponential backoff, at
 * most {@code maxAttempts} times; then the release stays pending (unknown, never borrowing another's data) until
 * a sale names it again after {@code giveUpCooldown}, or the next start. A 429 or an open circuit waits without
 * using up attempts. A page that cannot be read is stored as unreadable and dead-lettered.
 */
public final class ReleaseEnricher implements ReleaseDiscovery, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseEnricher.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);

    /**
     * @param refreshAfter   {@code ENRICH_REFRESH_AFTER}: a fetched page older than this is fetched again
     * @param maxAttempts    failed fetches before a release is left pending for now
     * @param firstRetry     the wait after the first failure, doubling after each
     * @param maxRetry       the longest wait between attempts
     * @param giveUpCooldown how long a release given up on (or found unreadable) is not tried again
     * @param fetchAllPending whether pending releases this instance did not discover itself (left by a crash, or
     *                        written by another instance) are fetched too: the live ingestor does, a backfill not
     */
    public record Settings(Duration refreshAfter, int maxAttempts, Duration firstRetry, Duration maxRetry,
                           Duration giveUpCooldown, boolean fetchAllPending) {

        public static Settings of(Duration refreshAfter) {
            return new Settings(refreshAfter, 5, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1), true);
        }

        /** The same, but fetching only the releases this instance discovers (a backfill). */
        public Settings discoveredOnly() {
            return new Settings(refreshAfter, maxAttempts, firstRetry, maxRetry, giveUpCooldown, false);
        }
    }

    private final ReleaseCatalog catalog = new ReleaseCatalog();
    private final EnrichmentStats stats = new EnrichmentStats();
    private final ReleaseFetcher fetcher;
    private final ReleaseSink sink;
    private final TopicReader topics;
    private final RegistryAvroSerde<Release> releases;
    private final Settings settings;
    private final Clock clock;
    private final DelayQueue<Job> queue = new DelayQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> coolingDown = new ConcurrentHashMap<>();
    private final Thread worker = new Thread(this::work, "release-fetcher");
    private volatile TopicReader.Follower follower;
    private volatile boolean loaded;
    private volatile boolean closing;

    public ReleaseEnricher(ReleaseFetcher fetcher, ReleaseSink sink, String bootstrapServers,
                           SchemaRegistryConfig registry, Settings settings, Clock clock) {
        this.fetcher = fetcher;
        this.sink = sink;
        this.topics = new TopicReader(bootstrapServers, "tracktion-ingestor-release-cache");
        this.releases = RegistryAvroSerde.release(registry);
        this.settings = settings;
        this.clock = clock;
        worker.setDaemon(true);
    }

    @Override
    public synchronized void load() throws PublishException {
        if (loaded) {
            return;
        }
        long started = System.nanoTime();
        int[] records = {0};
        Map<TopicPartition, Long> end;
        try {
            end = topics.readToEnd(Topics.RELEASES.name(), LOAD_TIMEOUT, record -> {
                records[0]++;
                apply(record, false);
            });
        } catch (KafkaException e) {
            throw new PublishException("Cannot read the release cache " + Topics.RELEASES.name() + ": " + e.getMessage(), e, false);
        }
        List<String> pending = catalog.withStatus(ReleaseStatus.PENDING);
        LOG.info("Release cache: {} releases from {} records in {} ms; {} pending to fetch", catalog.size(), records[0],
                (System.nanoTime() - started) / 1_000_000, pending.size());
        if (settings.fetchAllPending()) {
            for (String url : pending) {
                enqueue(url, catalog.get(url).firstSeenAt());
            }
        }
        loaded = true;
        worker.start();
        // Other writers (a backfill, another instance) add to the cache too: follow the topic from here on.
        follower = topics.follow(end, "release-cache-follower", record -> {
            try {
                apply(record, true);
            } catch (KafkaException e) {
                LOG.warn("Release cache follower: {}", e.getMessage());
            }
        });
    }

    /**
     * One record of the topic into the catalogue: a tombstone removes, a record updates unless older. A pending
     * record that arrives while following (another writer's, or one whose window's commit seemed to fail) is
     * fetched, unless this instance fetches only what it discovers.
     */
    private void apply(ConsumerRecord<String, byte[]> record, boolean following) {
        if (record.value() == null) {
            catalog.remove(record.key());
            return;
        }
        try {
            Release release = releases.deserialize(record.topic(), record.value());
            catalog.put(release);
            ReleaseCatalog.Entry entry = catalog.get(release.getUrl());
            if (following && settings.fetchAllPending() && entry != null && entry.status().equals(ReleaseStatus.PENDING)) {
                enqueueUnlessCooling(release.getUrl(), entry.firstSeenAt(), clock.instant());
            }
        } catch (SchemaRegistryUnavailableException e) {
            throw new KafkaException("Release record " + record.partition() + "@" + record.offset()
                    + " cannot be read now: " + e.getMessage(), e);
        } catch (UnknownSchemaIdException e) {
            // Not a reason to stop the feed: the release counts as never seen, and is fetched again when sold.
            LOG.warn("Release record {}-{}@{} has a schema id the registry lacks, passed over: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        } catch (SerializationException e) {
            LOG.warn("Release record {}-{}@{} cannot be decoded, passed over: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public List<Release> newReleases(Collection<String> urls, Instant now) {
        List<Release> fresh = new ArrayList<>();
        for (String url : new LinkedHashSet<>(urls)) {
            if (catalog.get(url) == null) {
                fresh.add(ReleaseFetcher.pending(url, now));
            }
        }
        return fresh;
    }

    @Override
    public void committed(Collection<String> urls, List<Release> newReleases, Instant now) {
        Set<String> isNew = new java.util.HashSet<>();
        for (Release release : newReleases) {
            catalog.put(release);
            isNew.add(release.getUrl());
            stats.discovered.incrementAndGet();
            enqueue(release.getUrl(), release.getFirstSeenAt());
        }
        for (String url : new LinkedHashSet<>(urls)) {
            ReleaseCatalog.Entry entry = catalog.get(url);
            if (entry == null || isNew.contains(url)) {
                continue;
            }
            Duration freshFor = entry.status().equals(ReleaseStatus.UNREADABLE)
                    ? min(settings.refreshAfter(), settings.giveUpCooldown()) : settings.refreshAfter();
            if (entry.status().equals(ReleaseStatus.PENDING)) {
                enqueueUnlessCooling(url, entry.firstSeenAt(), now);
            } else if (entry.fetchedAt() != null && entry.fetchedAt().plus(freshFor).isBefore(now)) {
                if (enqueueUnlessCooling(url, entry.firstSeenAt(), now)) {
                    stats.refreshes.incrementAndGet();
                }
            } else {
                stats.cacheHits.incrementAndGet();
            }
        }
    }

    private boolean enqueueUnlessCooling(String url, Instant firstSeenAt, Instant now) {
        Instant until = coolingDown.get(url);
        if (until != null && now.isBefore(until)) {
            return false;
        }
        coolingDown.remove(url);
        return enqueue(url, firstSeenAt);
    }

    private boolean enqueue(String url, Instant firstSeenAt) {
        if (!queued.add(url)) {
            return false;
        }
        queue.put(new Job(url, firstSeenAt, 0, System.nanoTime()));
        return true;
    }

    private void work() {
        try {
            while (!closing) {
                handle(queue.take());
            }
        } catch (InterruptedException e) {
            if (!closing) {
                LOG.error("Release fetcher interrupted without being closed: it stops", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Release fetcher failed unexpectedly: it stops; releases stay pending until restart", e);
        }
    }

    private void handle(Job job) throws InterruptedException {
        try {
            FetchResult result = job.fetched != null ? job.fetched : fetcher.fetch(job.url, job.firstSeenAt);
            if (result instanceof FetchResult.TryAgain again) {
                retry(job, again);
            } else {
                store(job, (FetchResult.Answered) result);
            }
        } catch (RuntimeException e) {
            // A bug or a page nobody foresaw must not stop the fetcher: this release waits, the others go on.
            LOG.error("Release page {} could not be handled; trying it again later", job.url, e);
            retry(job.withoutResult(), new FetchResult.TryAgain("unexpected " + e, Duration.ZERO, true));
        }
    }

    /** Writes what a fetch found; if Kafka cannot take it, only the writing is tried again, not the fetch. */
    private void store(Job job, FetchResult.Answered answered) {
        Release release = answered.release();
        ReleaseCatalog.Entry current = catalog.get(job.url);
        boolean keepKnown = release.getStatus().equals(ReleaseStatus.UNREADABLE)
                && current != null && current.status().equals(ReleaseStatus.KNOWN);
        try {
            if (answered.page() != null && !job.deadLettered) {
                sink.deadLetter(release, answered.page(), clock.instant());
                job = job.markDeadLettered();
            }
            if (!keepKnown) {
                sink.write(release);
                catalog.put(release);
            }
        } catch (ReleaseSinkException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stats.sinkFailures.incrementAndGet();
            Duration wait = backoff(job.writeAttempts + 1);
            LOG.warn("{}; writing {} again in {}", e.getMessage(), job.url, wait);
            queue.put(job.toWrite(answered, wait));
            return;
        }
        queued.remove(job.url);
        switch (release.getStatus()) {
            case ReleaseStatus.KNOWN -> stats.known.incrementAndGet();
            case ReleaseStatus.GONE -> stats.gone.incrementAndGet();
            default -> stats.unreadable.incrementAndGet();
        }
        if (keepKnown) {
            // A page that was readable and is not now: keep what was read, look again after the refresh period.
            coolingDown.put(job.url, clock.instant().plus(settings.refreshAfter()));
            LOG.warn("Release page {} can no longer be read ({}): kept its earlier data, dead-lettered the page",
                    job.url, release.getProblem());
        } else if (!release.getStatus().equals(ReleaseStatus.KNOWN)) {
            LOG.info("Release {} is {}: {}", job.url, release.getStatus(), release.getProblem());
        }
    }

    private void retry(Job job, FetchResult.TryAgain again) {
        int attempt = again.counts() ? job.attempt + 1 : job.attempt;
        if (again.counts()) {
            stats.failedAttempts.incrementAndGet();
        }
        if (attempt >= settings.maxAttempts()) {
            queued.remove(job.url);
            stats.gaveUp.incrementAndGet();
            coolingDown.put(job.url, clock.instant().plus(settings.giveUpCooldown()));
            LOG.warn("Release page {} failed {} times (last: {}); it stays unknown, tried again when a sale names it"
                    + " after {}", job.url, attempt, again.reason(), settings.giveUpCooldown());
            return;
        }
        Duration wait = again.counts() ? backoff(attempt) : settings.firstRetry();
        if (again.notBefore().compareTo(wait) > 0) {
            wait = again.notBefore();
        }
        LOG.debug("Release page {}: {}; attempt {} in {}", job.url, again.reason(), attempt + 1, wait);
        queue.put(job.after(attempt, wait));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Duration backoff(int attempt) {
        Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    public EnrichmentStats stats() {
        return stats;
    }

    /** Releases known to the cache, and the fetches waiting. */
    public int cachedReleases() {
        return catalog.size();
    }

    public int queuedFetches() {
        return queued.size();
    }

    public boolean isLoaded() {
        return loaded;
    }

    @Override
    public void close() {
        closing = true;
        worker.interrupt();
        if (follower != null) {
            follower.close();
        }
        try {
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }

    /**
     * One release to fetch, due at {@code dueNanos} (System.nanoTime); {@code fetched}, when set, is what a fetch
     * found that Kafka did not take yet ({@code writeAttempts} times).
     */
    private record Job(String url, Instant firstSeenAt, int attempt, long dueNanos, FetchResult.Answered fetched,
                       int writeAttempts, boolean deadLettered) implements Delayed {

        Job(String url, Instant firstSeenAt, int attempt, long dueNanos) {
            this(url, firstSeenAt, attempt, dueNanos, null, 0, false);
        }

        Job after(int nextAttempt, Duration wait) {
            return new Job(url, firstSeenAt, nextAttempt, due(wait), null, 0, false);
        }

        Job toWrite(FetchResult.Answered answered, Duration wait) {
            return new Job(url, firstSeenAt, attempt, due(wait), answered, writeAttempts + 1, deadLettered);
        }

        Job markDeadLettered() {
            return new Job(url, firstSeenAt, attempt, dueNanos, fetched, writeAttempts, true);
        }

        Job withoutResult() {
            return new Job(url, firstSeenAt, attempt, dueNanos, null, 0, false);
        }

        /** Now plus {@code wait}, at most a day ahead (a wait past that is a mistake, and would overflow). */
        private static long due(Duration wait) {
            Duration capped = wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait;
            long nanos = capped.isNegative() ? 0 : capped.toNanos();
            return System.nanoTime() + nanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Job) other).dueNanos);
        }
    }
}
