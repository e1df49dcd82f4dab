package io.tracktion.transformer;

import io.micronaut.runtime.Micronaut;

/** Turns raw Bandcamp sales into typed, deduplicated sales with Kafka Streams. */
public final class TransformerApplication {

    private TransformerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(TransformerApplication.class, args);
    }
}
