package io.tracktion.schemas;

import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.DefaultVertxInstance;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryClientFacadeImpl;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client that Apicurio's serdes use to ask the registry, one per registry configuration and shared by
 * all serdes of the JVM. Apicurio's own client has no timeouts: a request that the registry never answers
 * waits until the server drops the connection, 30 minutes later, with the stream thread that asked blocked all
 * along. Ours gives up on a silent connection after {@link SchemaRegistryConfig#requestTimeout()}; Apicurio's retry
 * is switched on, but its HTTP adapter wraps the failures it would retry, so the serde asks a decoding lookup again
 * itself ({@link RegistryAvroSerde}) and then reports the registry as unavailable (retriable), as it does when the
 * registry is down. Any other client setting (authentication, TLS) would be made
 * here too: Apicurio's serde configuration does not reach a client given to it.
 */
final class RegistryClients {

    private static final Map<SchemaRegistryConfig, RegistryClientFacade> CLIENTS = new ConcurrentHashMap<>();

    private RegistryClients() {
    }

    static RegistryClientFacade of(SchemaRegistryConfig registry) {
        return CLIENTS.computeIfAbsent(registry, RegistryClients::create);
    }

    private static RegistryClientFacade create(SchemaRegistryConfig registry) {
        int timeoutMillis = Math.toIntExact(registry.requestTimeout().toMillis());
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout(timeoutMillis)
                // No byte in either direction for this long, a request in flight included: the connection is closed.
                .setIdleTimeout(timeoutMillis)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        WebClient http = WebClient.create(DefaultVertxInstance.get(), options);
        return new RegistryClientFacadeImpl(RegistryClientFactory.create(
                RegistryClientOptions.create(registry.apicurioApi().toString()).customWebClient(http).retry()));
    }
}
