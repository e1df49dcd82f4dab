package io.tracktion.ingestor.enrich;

import io.tracktion.schemas.Release;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ingestor knows of every release it has seen: the state of the latest record in
 * {@code bandcamp.releases}, which is the cache itself. Only the few fields that decide whether to fetch are
 * kept in memory. Thread-safe.
 */
public final class ReleaseCatalog {

    /**
     * @param status      the latest record's status
     * @param firstSeenAt when a sale first named the release
     * @param fetchedAt   when its page was last fetched; null while pending
     */
    public record Entry(String status, Instant firstSeenAt, Instant fetchedAt) {

        static Entry of(Release release) {
            return new Entry(release.getStatus(), release.getFirstSeenAt(), release.getFetchedAt());
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Entry get(String url) {
        return entries.get(url);
    }

    /**
     * Keeps the release's state unless the catalogue already has a later fetch of it: a pending record (never
     * fetched) or an older fetch, arriving late from another writer, does not undo what a fetch found.
     */
    public void put(Release release) {
        entries.merge(release.getUrl(), Entry.of(release), (known, incoming) -> isLater(incoming, known) ? incoming : known);
    }

    private static boolean isLater(Entry incoming, Entry known) {
        if (known.fetchedAt() == null) {
            return true;
        }
        return incoming.fetchedAt() != null && !incoming.fetchedAt().isBefore(known.fetchedAt());
    }

    public void remove(String url) {
        entries.remove(url);
    }

    public int size() {
        return entries.size();
    }

    /** The URLs whose latest record is {@code status}. */
    public List<String> withStatus(String status) {
        return entries.entrySet().stream().filter(e -> e.getValue().status().equals(status)).map(Map.Entry::getKey).toList();
    }
}
