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
     * @param giveUpCooldown how long a release given up on is not tried again
     */
    public record Settings(Duration refreshAfter, int maxAttempts, Duration firstRetry, Duration maxRetry,
                           Duration giveUpCooldown) {

        public static Settings of(Duration refreshAfter) {
            return new Settings(refreshAfter, 5, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1));
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
                apply(record);
            });
        } catch (KafkaException e) {
            throw new PublishException("Cannot read the release cache " + Topics.RELEASES.name() + ": " + e.getMessage(), e, false);
        }
        List<String> pending = catalog.withStatus(ReleaseStatus.PENDING);
        LOG.info("Release cache: {} releases from {} records in {} ms; {} pending to fetch", catalog.size(), records[0],
                (System.nanoTime() - started) / 1_000_000, pending.size());
        for (String url : pending) {
            enqueue(url, catalog.get(url).firstSeenAt());
        }
        loaded = true;
        worker.start();
        // Other writers (a backfill, another instance) add to the cache too: follow the topic from here on.
        follower = topics.follow(end, "release-cache-follower", record -> {
            try {
                apply(record);
            } catch (KafkaException e) {
                LOG.warn("Release cache follower: {}", e.getMessage());
            }
        });
    }

    /** One record of the topic into the catalogue: a tombstone removes, a record updates unless older. */
    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            catalog.remove(record.key());
            return;
        }
        try {
            catalog.put(releases.deserialize(record.topic(), record.value()));
        } catch (UnknownSchemaIdException | SchemaRegistryUnavailableException e) {
            throw new KafkaException("Release record " + record.partition() + "@" + record.offset()
                    + " cannot be read now: " + e.getMessage(), e);
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
            if (entry.status().equals(ReleaseStatus.PENDING)) {
                enqueueUnlessCooling(url, entry.firstSeenAt(), now);
            } else if (entry.fetchedAt() != null && entry.fetchedAt().plus(settings.refreshAfter()).isBefore(now)) {
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
        FetchResult result = fetcher.fetch(job.url, job.firstSeenAt);
        if (result instanceof FetchResult.TryAgain again) {
            retry(job, again);
            return;
        }
        Release release = ((FetchResult.Answered) result).release();
        byte[] page = ((FetchResult.Answered) result).page();
        ReleaseCatalog.Entry current = catalog.get(job.url);
        boolean keepKnown = release.getStatus().equals(ReleaseStatus.UNREADABLE)
                && current != null && current.status().equals(ReleaseStatus.KNOWN);
        try {
            if (page != null) {
                sink.deadLetter(release, page, clock.instant());
            }
            if (!keepKnown) {
                sink.write(release);
                catalog.put(release);
            }
        } catch (ReleaseSinkException e) {
            stats.sinkFailures.incrementAndGet();
            LOG.warn("{}; fetching {} again later", e.getMessage(), job.url);
            queue.put(job.after(job.attempt, backoff(1)));
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

    /** One release to fetch, due at {@code dueNanos} (System.nanoTime). */
    private record Job(String url, Instant firstSeenAt, int attempt, long dueNanos) implements Delayed {

        Job after(int nextAttempt, Duration wait) {
            return new Job(url, firstSeenAt, nextAttempt, System.nanoTime() + wait.toNanos());
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
