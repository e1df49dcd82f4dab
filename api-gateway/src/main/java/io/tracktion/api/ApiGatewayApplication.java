package io.tracktion.api;

import io.micronaut.runtime.Micronaut;

/** Serves the sales in PostgreSQL over a read-only REST API, plus a small live page at {@code /}. */
public final class ApiGatewayApplication {

    private ApiGatewayApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ApiGatewayApplication.class, args);
    }
}
