package io.tracktion.loader.health;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tracktion.schemas.SchemaRegistryProbe;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log, from startup on, while the schema registry cannot be reached or lacks the loader's subject, and
 * once it is ready. The listener needs no gate: a batch it cannot decode for want of the registry is retried.
 */
@Singleton
public class SchemaRegistryStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryStartupCheck.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final SchemaRegistryProbe probe;

    public SchemaRegistryStartupCheck(SchemaRegistryProbe probe) {
        this.probe = probe;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Thread check = new Thread(() -> {
            try {
                probe.awaitReady(RETRY, LOG);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "schema-registry-check");
        check.setDaemon(true);
        check.start();
    }
}
