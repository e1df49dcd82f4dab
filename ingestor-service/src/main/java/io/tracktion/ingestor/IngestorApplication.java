package io.tracktion.ingestor;

import io.micronaut.runtime.Micronaut;

/** Polls Bandcamp's public sales feed and publishes every sold item, raw and replayable, to Kafka. */
public final class IngestorApplication {

    private IngestorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IngestorApplication.class, args);
    }
}
