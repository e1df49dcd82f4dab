package io.tracktion.ingestor.poll;

import io.tracktion.schemas.SchemaRegistryProbe;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's own thread: wait until the schema registry holds what the ingestor writes, then poll, wait as long
 * as the poll says, repeat until closed or fenced.
 */
public final class FeedPollingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPollingLoop.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(5);

    private final FeedPoller poller;
    private final FeedStatus status;
    private final SchemaRegistryProbe registryProbe;
    private final Thread thread;
    private volatile boolean closing;

    public FeedPollingLoop(FeedPoller poller, FeedStatus status, SchemaRegistryProbe registryProbe) {
        this.poller = poller;
        this.status = status;
        this.registryProbe = registryProbe;
        this.thread = new Thread(this::run, "feed-poller");
        this.thread.setDaemon(true);
    }

    public void start() {
        status.pollerRunning(true);
        thread.start();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        try {
            registryProbe.awaitReady(REGISTRY_RETRY, LOG);
            while (!closing) {
                PollResult result = poller.pollOnce();
                if (result.outcome() == PollResult.Outcome.FENCED) {
                    return;
                }
                if (!result.nextPollIn().isZero()) {
                    Thread.sleep(result.nextPollIn().toMillis());
                }
            }
        } catch (InterruptedException e) {
            if (!closing) {
                LOG.error("Feed poller interrupted without being closed: it stops", e);
            }
        } finally {
            status.pollerRunning(false);
        }
    }

    /** Stops the thread (waking it from a wait or a request), then closes the poller's Kafka producer. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Feed poller did not stop within {}; closing its producer anyway", STOP_TIMEOUT);
        }
        poller.close();
    }
}
