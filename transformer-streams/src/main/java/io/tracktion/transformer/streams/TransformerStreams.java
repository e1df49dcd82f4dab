package io.tracktion.transformer.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.SchemaRegistryUnavailableException;
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
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(5);

    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;
    private volatile Thread starter;

    public TransformerStreams(Topology topology, Properties config) {
        this.streams = new KafkaStreams(topology, config);
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
    }

    public void start() {
        streams.start();
    }

    /** Kafka Streams' own metrics (consumer lag, process rates, state stores) into Micrometer, for /metrics. */
    public void bindMetrics(MeterRegistry registry) {
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }

    /**
     * Starts Kafka Streams on a thread of its own once the registry holds the subjects (logging, meanwhile, what it
     * waits for), so that the service answers /health while it waits instead of failing its first record.
     */
    public void startWhenReady(SchemaRegistryProbe registryProbe) {
        Thread starter = new Thread(() -> {
            try {
                registryProbe.awaitReady(REGISTRY_RETRY, LOG);
                synchronized (this) {
                    if (!closed) {
                        streams.start();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closing before it started
            } catch (RuntimeException e) {
                LOG.error("Kafka Streams did not start", e);
                failure.compareAndSet(null, e);
            }
        }, "transformer-starter");
        starter.setDaemon(true);
        this.starter = starter;
        starter.start();
    }

    /**
     * Bad records never get here (they are dead-lettered), so an uncaught exception is a bug or a broken
     * environment. Replacing the thread would meet the same record again in a loop, and shutting down the
     * whole application would stop healthy instances too: this client stops, /health turns DOWN and the
     * orchestrator restarts it (or a person looks), with the cause in the log.
     *
     * <p>One exception: a schema registry that could not be asked about a schema id this client has not seen yet.
     * The record is fine and the registry will be back, so the thread is replaced after a pause, and with
     * exactly-once the new one takes the same records up again from the last commit.
     */
    private StreamThreadExceptionResponse onUncaughtException(Throwable error) {
        StreamThreadExceptionResponse response = responseTo(error);
        if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
            LOG.warn("The schema registry cannot be asked; retrying in {} s with a new stream thread: {}",
                    REGISTRY_RETRY.toSeconds(), error.toString());
            try {
                Thread.sleep(REGISTRY_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return response;
        }
        LOG.error("Kafka Streams failed; shutting this client down", error);
        failure.compareAndSet(null, error);
        return response;
    }

    /** REPLACE_THREAD when the cause is the registry being away, SHUTDOWN_CLIENT for anything else. */
    static StreamThreadExceptionResponse responseTo(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SchemaRegistryUnavailableException) {
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
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
    public synchronized void close() {
        closed = true;
        if (starter != null) {
            starter.interrupt();
        }
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
