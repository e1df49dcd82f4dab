package io.tracktion.alerts.matching;

import io.micronaut.context.annotation.Value;
import io.tracktion.alerts.db.Jdbc;
import io.tracktion.alerts.delivery.Outbox;
import io.tracktion.alerts.metrics.AlertCounters;
import io.tracktion.alerts.subscriptions.Kinds;
import io.tracktion.alerts.subscriptions.Subscription;
import io.tracktion.alerts.subscriptions.SubscriptionStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of a consumer, exactly once: in one transaction, the records past the stored offsets are matched to the
 * active subscriptions, their alerts and messages written to the outbox, and the offsets after the poll stored.
 * Spikes within {@code ALERTS_SPIKE_COOLDOWN} (event time, before or after) of a subscription's last spike alert are
 * not alerted.
 */
@Singleton
public class AlertBatches {

    private static final Logger LOG = LoggerFactory.getLogger(AlertBatches.class);

    /** What a listener does with its records: decode them, and say which subscriptions want what. */
    public interface Matching<T> {
        /** The decoded records; null for one that cannot be read (it is logged and skipped). */
        T decode(ConsumerRecord<byte[], byte[]> record);

        /** The {@code dimension|id} keys and buyer countries that subscriptions are looked up by. */
        void keys(T value, Collection<String> entityKeys, Collection<String> countries);

        List<AlertMatcher.Match> matches(T value, long publishedAtMillis, List<Subscription> candidates);
    }

    private final Jdbc jdbc;
    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final Duration spikeCooldown;
    private final AlertCounters counters;
    private final Clock clock = Clock.systemUTC();

    public AlertBatches(Jdbc jdbc, SubscriptionStore subscriptions, Outbox outbox, AlertCounters counters,
                        @Value("${alerts.spike-cooldown}") Duration spikeCooldown) {
        this.counters = counters;
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.spikeCooldown = spikeCooldown;
    }

    /** Returns the number of new alerts. */
    public <T> int process(ConsumerRecords<byte[], byte[]> records, Matching<T> matching) throws SQLException {
        int alerted = jdbc.inTransaction(connection -> {
            List<ConsumerRecord<byte[], byte[]>> unread = ConsumerOffsets.unread(connection, records);
            int made = unread.isEmpty() ? 0 : alert(connection, unread, matching);
            ConsumerOffsets.advance(connection, records);
            return made;
        });
        counters.alerted(alerted); // after the commit: a batch rolled back and retried counts once
        return alerted;
    }

    private <T> int alert(Connection connection, List<ConsumerRecord<byte[], byte[]>> unread, Matching<T> matching)
            throws SQLException {
        List<Decoded<T>> decoded = new ArrayList<>(unread.size());
        Set<String> keys = new HashSet<>();
        Set<String> countries = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : unread) {
            T value = record.value() == null ? null : matching.decode(record);
            if (value != null) {
                decoded.add(new Decoded<>(value, record.timestamp()));
                matching.keys(value, keys, countries);
            }
        }
        if (decoded.isEmpty()) {
            return 0;
        }
        List<Subscription> candidates = subscriptions.activeFor(connection, keys, countries);
        if (candidates.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<AlertMatcher.Match> matches = new ArrayList<>();
        for (Decoded<T> record : decoded) {
            matches.addAll(matching.matches(record.value(), record.publishedAt(), candidates));
        }
        // Spikes first, each subscription's in the order of its events (not of the partitions they came from), so
        // that the first of a run is alerted; and subscriptions locked in one order, before any message is.
        matches.sort(Comparator.comparing((AlertMatcher.Match match) -> !Kinds.SPIKE.equals(match.alert().kind()))
                .thenComparing(match -> match.subscription().id())
                .thenComparing(match -> match.alert().at()));
        List<AlertMatcher.Match> taken = new ArrayList<>(matches.size());
        for (AlertMatcher.Match match : matches) {
            if (!Kinds.SPIKE.equals(match.alert().kind())
                    || subscriptions.takeSpike(connection, match.subscription().id(), match.alert().at(), spikeCooldown)) {
                taken.add(match);
            }
        }
        int alerted = 0;
        for (AlertMatcher.Match match : taken) {
            if (outbox.alert(connection, match.subscription(), match.alert(), now)) {
                alerted++;
            }
        }
        if (alerted > 0) {
            LOG.debug("{} new alerts from {} records", alerted, unread.size());
        }
        return alerted;
    }

    private record Decoded<T>(T value, long publishedAt) {
    }
}
