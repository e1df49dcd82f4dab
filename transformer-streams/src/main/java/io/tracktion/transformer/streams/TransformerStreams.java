package io.tracktion.transformer.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running Kafka Streams client: started once, closed once, and asked whether it is healthy. */
public final class TransformerStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransformerStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public TransformerStreams(Topology topology, Properties config) {
        this.streams = new KafkaStreams(topology, config);
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
    }

    public void start() {
        streams.start();
    }

    /**
     * Bad records never get here (they are dead-lettered), so an uncaught exception is a bug or a broken
     * environment. Replacing the thread would meet the same record again in a loop, and shutting down the
     * whole application would stop healthy instances too: this client stops, /health turns DOWN and the
     * orchestrator restarts it (or a person looks), with the cause in the log.
     */
    private StreamThreadExceptionResponse onUncaughtException(Throwable error) {
        LOG.error("Kafka Streams failed; shutting this client down", error);
        failure.compareAndSet(null, error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The exception that stopped the client, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Processing or about to: RUNNING, or REBALANCING while partitions move, and no failure. */
    public boolean isHealthy() {
        KafkaStreams.State state = streams.state();
        return failure.get() == null
                && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
    }

    @Override
    public void close() {
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
