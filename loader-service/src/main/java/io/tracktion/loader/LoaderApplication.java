package io.tracktion.loader;

import io.micronaut.runtime.Micronaut;

/** Loads the sales from Kafka into PostgreSQL, in batches and idempotently on saleId. */
public final class LoaderApplication {

    private LoaderApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(LoaderApplication.class, args);
    }
}
