package io.tracktion.schemas;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the schema registry is, and how our serdes talk to it. {@code url} is the registry's root (an Apicurio
 * Registry 3: {@code http://127.0.0.1:8085}, from {@code SCHEMA_REGISTRY_URL}); its Confluent-compatible API,
 * the one any Kafka client's registry library speaks, is at {@link #confluentApi()}.
 *
 * <p>{@code requestTimeout} bounds how long our serdes wait for the registry to connect or to say anything on a
 * request before they report it unavailable; Apicurio's serde then retries a couple of times.
 */
public record SchemaRegistryConfig(URI url, Duration requestTimeout) {

    /** The variable that names the registry, and its local default. */
    public static final String URL_VARIABLE = "SCHEMA_REGISTRY_URL";
    public static final String DEFAULT_URL = "http://127.0.0.1:8085";
    /** Registry answers are a few kilobytes from memory or a database: seconds of silence mean it is stuck. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public SchemaRegistryConfig(URI url) {
        this(url, DEFAULT_REQUEST_TIMEOUT);
    }

    public SchemaRegistryConfig {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("The registry's request timeout must be positive, not " + requestTimeout);
        }
        if (url == null || url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be an http(s) URL such as " + DEFAULT_URL
                    + ", not '" + url + "'");
        }
        String text = url.toString();
        url = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (url.getPath() != null && url.getPath().contains("/apis/")) {
            throw new IllegalArgumentException(URL_VARIABLE + " is the registry's root, such as " + DEFAULT_URL
                    + ", not one of its APIs: '" + url + "'");
        }
    }

    /** Parses a configured URL; blank means the local default. */
    public static SchemaRegistryConfig of(String url) {
        String text = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        try {
            return new SchemaRegistryConfig(URI.create(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be an http(s) URL such as " + DEFAULT_URL
                    + ", not '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The Confluent-compatible API: what Confluent's clients (any language) are pointed at. */
    public URI confluentApi() {
        return URI.create(url + "/apis/ccompat/v7");
    }

    /** Apicurio's own API, which its Java serde uses. */
    public URI apicurioApi() {
        return URI.create(url + "/apis/registry/v3");
    }

    /**
     * The settings of Apicurio's Avro serde. Producers never register schemas ({@code ./tracktion schemas register}
     * does, from the released versions): the serializer finds the id of its writer schema by content, canonicalised,
     * so the generated class's Java-only properties do not matter; it is looked up whole, named types inline, as
     * released (not with each named type as a reference of its own, Apicurio's default). Ids and schemas are cached; when a refresh fails
     * the cached value is used, so a registry outage does not stop a service that already knows its ids.
     */
    public Map<String, Object> serdeConfig() {
        return Map.of(
                "apicurio.registry.url", apicurioApi().toString(),
                "apicurio.registry.auto-register", "false",
                "apicurio.registry.find-latest", "false",
                "apicurio.registry.canonicalize", "true",
                "apicurio.registry.dereference-schema", "true",
                "apicurio.registry.use-specific-avro-reader", "true",
                "apicurio.registry.avro-datum-provider", ReaderCachingDatumProvider.class.getName(),
                "apicurio.registry.fault-tolerant-refresh", "true",
                "apicurio.registry.retry-count", "2",
                "apicurio.registry.retry-backoff-ms", "200");
    }
}
