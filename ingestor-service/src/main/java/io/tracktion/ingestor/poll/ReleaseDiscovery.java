package io.tracktion.ingestor.poll;

import io.tracktion.ingestor.publish.PublishException;
import io.tracktion.schemas.Release;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * How the poller tells the release fetcher about the releases its sales name. A release no sale named before gets
 * a pending record in the same transaction as that sale, so no release is ever lost between the two.
 */
public interface ReleaseDiscovery {

    /** Gets back what is known of every release, before the first window; fails with Kafka. */
    void load() throws PublishException, InterruptedException;

    /** Pending records for the releases among {@code urls} (canonical) that were never seen. */
    List<Release> newReleases(Collection<String> urls, Instant now);

    /** The window naming {@code urls}, with {@code newReleases}, is committed: fetch what needs fetching. */
    void committed(Collection<String> urls, List<Release> newReleases, Instant now);

    /** For pollers without enrichment (tests of the feed alone). */
    ReleaseDiscovery NONE = new ReleaseDiscovery() {
        @Override
        public void load() {
        }

        @Override
        public List<Release> newReleases(Collection<String> urls, Instant now) {
            return List.of();
        }

        @Override
        public void committed(Collection<String> urls, List<Release> newReleases, Instant now) {
        }
    };
}
