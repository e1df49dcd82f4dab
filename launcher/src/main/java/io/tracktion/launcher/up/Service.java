package io.tracktion.launcher.up;

import java.util.List;

/** A Tracktion service the launcher runs: its module (and jar) name and its HTTP port. */
public record Service(String module, String portVariable, int defaultPort) {

    public static final Service LOADER = new Service("loader-service", "LOADER_PORT", 8083);
    public static final Service TRANSFORMER = new Service("transformer-streams", "TRANSFORMER_PORT", 8082);
    public static final Service API_GATEWAY = new Service("api-gateway", "API_PORT", 8080);
    public static final Service INGESTOR = new Service("ingestor-service", "INGESTOR_PORT", 8081);
    public static final Service ALERTS = new Service("alerts-service", "ALERTS_PORT", 8084);

    /**
     * In start order: consumers before producers, so nothing piles up unread (alerts before the API gateway,
     * which forwards subscriptions to it), and the ingestor, which starts the flow of sales, last.
     */
    public static final List<Service> ALL = List.of(LOADER, TRANSFORMER, ALERTS, API_GATEWAY, INGESTOR);
}
