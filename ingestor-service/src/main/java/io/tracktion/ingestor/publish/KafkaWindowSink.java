package io.tracktion.ingestor.publish;

import io.tracktion.ingestor.cursor.CursorReader;
import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryUnavailableException;
import io.tracktion.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes windows (their raw sales, new releases, unreadable events, gaps, coverage record and cursor) with one
 * idempotent, transactional producer. Its {@code transactional.id} is derived
 * from the feed base URL, so a restarted ingestor of the same feed fences its predecessor (a zombie's
 * late writes are refused) and finishes whatever transaction it left open.
 *
 * <p>After a failed transaction the producer is aborted, or thrown away if even that fails; the next
 * {@link #committedCursor()} claims the feed again with a fresh one. Used by one thread at a time.
 */
public final class KafkaWindowSink implements WindowSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWindowSink.class);
    private static final String STAGE = "ingestor-service/feed";

    private final String feedBaseUrl;
    private final Properties producerConfig;
    private final CursorReader cursorReader;
    private final RegistryAvroSerde<RawSale> rawSales;
    private final RegistryAvroSerde<FeedCursor> cursors;
    private final RegistryAvroSerde<Release> releases;
    private final RegistryAvroSerde<FeedGap> gaps;
    private final RegistryAvroSerde<FeedWindowReceived> windows;
    private KafkaProducer<String, byte[]> producer;

    public KafkaWindowSink(String feedBaseUrl, Properties producerConfig, CursorReader cursorReader,
                           SchemaRegistryConfig registry) {
        this.feedBaseUrl = feedBaseUrl;
        this.producerConfig = producerConfig;
        this.cursorReader = cursorReader;
        this.rawSales = RegistryAvroSerde.rawSale(registry);
        this.cursors = RegistryAvroSerde.feedCursor(registry);
        this.releases = RegistryAvroSerde.release(registry);
        this.gaps = RegistryAvroSerde.feedGap(registry);
        this.windows = RegistryAvroSerde.feedWindowReceived(registry);
    }

    /** {@code tracktion-ingestor-} and the first 12 hex characters of the SHA-256 of the feed base URL. */
    public static String transactionalId(String feedBaseUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(feedBaseUrl.getBytes(StandardCharsets.UTF_8));
            return "tracktion-ingestor-" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }

    /** The producer settings for a feed; callers may add to them (tests shrink limits). */
    public static Properties producerConfig(String bootstrapServers, String feedBaseUrl) {
        String transactionalId = transactionalId(feedBaseUrl);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Bounded waits, so an unreachable cluster becomes an error the poller retries, not a hang.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        return props;
    }

    @Override
    public Optional<FeedCursor> committedCursor() throws PublishException, InterruptedException {
        try {
            claimFeed();
            return cursorReader.lastCursor(feedBaseUrl);
        } catch (InterruptException e) {
            discardProducer();
            throw interrupted(e);
        } catch (ProducerFencedException e) {
            discardProducer();
            throw new PublishException("Another ingestor took over feed " + feedBaseUrl, e, true);
        } catch (KafkaException e) {
            discardProducer();
            throw new PublishException("Cannot read the committed cursor of " + feedBaseUrl + ": " + e, e, false);
        }
    }

    @Override
    public void publish(WindowRecords window) throws PublishException, InterruptedException {
        List<ProducerRecord<String, byte[]>> records = encode(window);
        try {
            claimFeed();
            producer.beginTransaction();
            List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(); // done after flush; surfaces the first failed record with its own error
            }
            producer.commitTransaction();
        } catch (InterruptException e) {
            discardProducer(); // stopping: the next owner's initTransactions aborts what is open
            throw interrupted(e);
        } catch (ProducerFencedException e) {
            discardProducer();
            throw new PublishException("Another ingestor took over feed " + feedBaseUrl, e, true);
        } catch (ExecutionException e) {
            abortTransaction();
            throw new PublishException("A record of the window was refused: " + e.getCause(), e.getCause(),
                    e.getCause() instanceof ProducerFencedException);
        } catch (KafkaException | IllegalStateException e) {
            abortTransaction();
            throw new PublishException("The window's transaction failed: " + e, e, false);
        } catch (InterruptedException e) {
            discardProducer();
            throw e;
        }
    }

    /** Encoded before the transaction begins: a registry that cannot be asked leaves nothing half-written. */
    private List<ProducerRecord<String, byte[]>> encode(WindowRecords window) throws PublishException {
        String rawTopic = Topics.RAW_SALES.name();
        try {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(window.sales().size() + 8);
            for (RawSale sale : window.sales()) {
                records.add(new ProducerRecord<>(rawTopic, sale.getSaleId(), rawSales.serialize(rawTopic, sale)));
            }
            String releaseTopic = Topics.RELEASES.name();
            for (Release release : window.newReleases()) {
                records.add(new ProducerRecord<>(releaseTopic, release.getUrl(), releases.serialize(releaseTopic, release)));
            }
            for (WindowRecords.UnreadableEvent event : window.unreadable()) {
                records.add(deadLetter(event));
            }
            String gapTopic = Topics.FEED_GAPS.name();
            for (FeedGap gap : window.gaps()) {
                records.add(new ProducerRecord<>(gapTopic, gapKey(gap), gaps.serialize(gapTopic, gap)));
            }
            if (window.received() != null) {
                String windowTopic = Topics.FEED_WINDOWS.name();
                FeedWindowReceived received = window.received();
                records.add(new ProducerRecord<>(windowTopic, received.getFeedBaseUrl() + "@" + received.getStartDate(),
                        windows.serialize(windowTopic, received)));
            }
            if (window.cursor() != null) {
                String cursorTopic = Topics.FEED_CURSOR.name();
                records.add(new ProducerRecord<>(cursorTopic, feedBaseUrl, cursors.serialize(cursorTopic, window.cursor())));
            }
            return records;
        } catch (SerializationException | SchemaRegistryUnavailableException e) {
            throw new PublishException("The window cannot be encoded: " + e.getMessage(), e, false);
        }
    }

    /** The key of a gap: the feed and the stretch, so that its closing replaces its opening in the compacted topic. */
    public static String gapKey(FeedGap gap) {
        return gap.getFeedBaseUrl() + "@" + gap.getFromDate() + "-" + gap.getToDate();
    }

    private static ProducerRecord<String, byte[]> deadLetter(WindowRecords.UnreadableEvent event) {
        Headers headers = DeadLetterHeaders.of(new RecordHeaders(), event.reason(), STAGE, null, Instant.now());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.FEED, event.feedBaseUrl());
        if (event.windowStart() != null) {
            DeadLetterHeaders.put(headers, DeadLetterHeaders.WINDOW_START, String.valueOf(event.windowStart()));
        }
        if (event.windowEnd() != null) {
            DeadLetterHeaders.put(headers, DeadLetterHeaders.WINDOW_END, String.valueOf(event.windowEnd()));
        }
        String key = event.feedBaseUrl() + "@" + event.windowStart() + "#" + event.index();
        return new ProducerRecord<>(Topics.FEED_DEAD_LETTER.name(), null, key,
                event.json().getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Kafka's unchecked form of an interrupt, turned back into the checked one (which clears the flag). */
    private static InterruptedException interrupted(InterruptException e) {
        Thread.interrupted();
        InterruptedException interrupted = new InterruptedException("Interrupted while talking to Kafka");
        interrupted.initCause(e);
        return interrupted;
    }

    /** Creates the producer if needed; initTransactions fences older producers and ends their transactions. */
    private void claimFeed() {
        if (producer == null) {
            KafkaProducer<String, byte[]> created =
                    new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
    }

    private void abortTransaction() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("Cannot abort the failed transaction ({}); replacing the producer", e.toString());
            discardProducer();
        }
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.warn("Closing the discarded producer failed: {}", e.toString());
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
