package io.tracktion.alerts;

import io.micronaut.runtime.Micronaut;

/**
 * Tells subscribers, by e-mail or webhook, what the signals and enriched sales say about the artists, releases,
 * labels, tags, genres or countries they follow: once each, and without spam.
 */
public final class AlertsApplication {

    private AlertsApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(AlertsApplication.class, args);
    }
}
