package io.tracktion.schemas;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record of one topic: writes the Confluent wire format (magic byte {@code 0},
 * the 4-byte schema id, the Avro body) through Apicurio's serde, which looks the id up in the registry under the
 * subject {@code <topic>-value} and caches it; reads that format and also the single-object encoding
 * ({@code C3 01}) of records written before the registry, which the first two bytes tell apart.
 *
 * <p>Errors say what to do with the record: a {@link SerializationException} means the bytes (or the value) are
 * bad and belong in a dead-letter topic ({@link UnknownSchemaIdException}: an id the registry does not hold); a
 * {@link SchemaRegistryUnavailableException} means the registry could not answer, or (when writing) does not
 * hold the schema yet, and the same record should be tried again later.
 *
 * <p>Thread-safe; one instance per record type is enough.
 */
public final class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /**
     * Apicurio's serde logs through java.util.logging: every schema lookup as INFO with the whole schema, and a
     * warning that it shares one Vert.x instance (as it should here). Quieted; failures still reach us as exceptions.
     * Held in fields, because java.util.logging keeps only weak references to its loggers.
     */
    private static final java.util.logging.Logger RESOLVER_LOG =
            java.util.logging.Logger.getLogger("DefaultSchemaResolver"); // Apicurio names it by the simple name
    private static final java.util.logging.Logger VERTX_LOG =
            java.util.logging.Logger.getLogger("io.apicurio.registry.client.common.DefaultVertxInstance");

    static {
        TrustedClasses.install();
        RESOLVER_LOG.setLevel(java.util.logging.Level.WARNING);
        VERTX_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /** The Confluent wire format's magic byte, and its header: magic byte and schema id. */
    static final byte MAGIC_BYTE = 0;
    private static final int HEADER_LENGTH = 5;

    /**
     * How long a topic's header (magic byte and schema id) is written without asking Apicurio's serde again: its
     * own check period ({@code apicurio.registry.check-period-ms}), after which it looks the schema up afresh.
     * In between, Apicurio would render and fingerprint the writer schema for every record to find the same id
     * in its cache (about 6 µs a record, the largest single cost of the transformer's output).
     */
    private static final long HEADER_TTL_NANOS = 30_000_000_000L;

    /**
     * A schema lookup that got no answer (a connection closed or timed out, an error status) is asked again after
     * each of these pauses before the registry is reported unavailable. Here, not in the client's own retry
     * ({@link RegistryClients}): that one tests only the exception it is thrown, and Apicurio's HTTP adapter wraps
     * every failure, a closed connection included, so it never retries one. Once (in CI) the registry's answer to one
     * lookup never arrived, and the record failed although the next request would have been answered.
     */
    private static final long[] LOOKUP_PAUSES_MILLIS = {250, 1_000};

    /** A topic's header as Apicurio's serde last wrote it, and when. */
    private record CachedHeader(byte[] bytes, long atNanos) {
    }

    private final Class<T> type;
    private final SchemaRegistryConfig registry;
    private final AvroKafkaSerializer<T> serializer;
    private final AvroKafkaDeserializer<T> deserializer;
    private final SingleObjectSerde<T> singleObject;
    private final SpecificDatumWriter<T> bodyWriter;
    private final Map<String, CachedHeader> headers = new ConcurrentHashMap<>();

    private RegistryAvroSerde(Class<T> type, SingleObjectSerde<T> singleObject, SchemaRegistryConfig registry) {
        this.type = type;
        this.registry = registry;
        this.singleObject = singleObject;
        this.bodyWriter = new SpecificDatumWriter<>(type);
        this.serializer = new AvroKafkaSerializer<>(RegistryClients.of(registry));
        this.deserializer = new AvroKafkaDeserializer<>(RegistryClients.of(registry));
        Map<String, Object> config = registry.serdeConfig();
        serializer.configure(config, false);
        deserializer.configure(config, false);
    }

    public static RegistryAvroSerde<RawSale> rawSale(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(RawSale.class, SingleObjectSerde.rawSale(), registry);
    }

    public static RegistryAvroSerde<Sale> sale(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(Sale.class, SingleObjectSerde.sale(), registry);
    }

    public static RegistryAvroSerde<FeedCursor> feedCursor(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(FeedCursor.class, SingleObjectSerde.feedCursor(), registry);
    }

    public static RegistryAvroSerde<Release> release(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(Release.class, SingleObjectSerde.release(), registry);
    }

    public static RegistryAvroSerde<FeedGap> feedGap(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(FeedGap.class, SingleObjectSerde.feedGap(), registry);
    }

    public static RegistryAvroSerde<FeedWindowReceived> feedWindowReceived(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(FeedWindowReceived.class, SingleObjectSerde.feedWindowReceived(), registry);
    }

    public static RegistryAvroSerde<EnrichedSale> enrichedSale(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(EnrichedSale.class, SingleObjectSerde.enrichedSale(), registry);
    }

    public static RegistryAvroSerde<StatsWindow> statsWindow(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(StatsWindow.class, SingleObjectSerde.statsWindow(), registry);
    }

    public static RegistryAvroSerde<TrendingChart> trendingChart(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(TrendingChart.class, SingleObjectSerde.trendingChart(), registry);
    }

    public static RegistryAvroSerde<Signal> signal(SchemaRegistryConfig registry) {
        return new RegistryAvroSerde<>(Signal.class, SingleObjectSerde.signal(), registry);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        CachedHeader header = headers.get(topic);
        if (header != null && System.nanoTime() - header.atNanos() < HEADER_TTL_NANOS) {
            return withHeader(header.bytes(), data);
        }
        try {
            byte[] bytes = serializer.serialize(topic, data);
            headers.put(topic, new CachedHeader(Arrays.copyOf(bytes, HEADER_LENGTH), System.nanoTime()));
            return bytes;
        } catch (RuntimeException e) {
            if (!isRegistryFailure(e) && isAvroRefusal(e)) {
                throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + rootMessage(e), e);
            }
            // The registry could not answer, or does not hold this schema under the subject.
            throw unavailable("Cannot find the schema id of " + type.getSimpleName() + " under subject " + topic
                    + "-value in the schema registry at " + registry.url() + " (run ./tracktion schemas register"
                    + " if it is not registered)", e);
        }
    }

    /** The header and the Avro body, as Apicurio's serde writes them (a test holds the two byte for byte). */
    private byte[] withHeader(byte[] header, T data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            bodyWriter.write(data, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length >= 2 && data[0] == (byte) 0xC3 && data[1] == (byte) 0x01) {
            return singleObject.decode(data);
        }
        if (data.length < HEADER_LENGTH || data[0] != MAGIC_BYTE) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + ": " + data.length
                    + " bytes in neither the Confluent wire format (00 and a schema id) nor the single-object"
                    + " encoding (C3 01)");
        }
        int schemaId = ByteBuffer.wrap(data, 1, 4).getInt();
        Object value = decode(topic, data, schemaId);
        if (!type.isInstance(value)) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + ": schema id " + schemaId
                    + " is a " + (value == null ? "null" : value.getClass().getSimpleName()) + " record");
        }
        return type.cast(value);
    }

    /** Apicurio's decoding of the wire format; a lookup that got no answer is asked again. */
    private Object decode(String topic, byte[] data, int schemaId) {
        for (int attempt = 0; ; attempt++) {
            try {
                return deserializer.deserialize(topic, data);
            } catch (RuntimeException e) {
                if (statusOf(e) == 404) {
                    throw new UnknownSchemaIdException("Cannot decode " + type.getSimpleName() + ": schema id "
                            + schemaId + " is not in the schema registry at " + registry.url(), schemaId, e);
                }
                if (!isRegistryFailure(e)) {
                    // The registry answered; the body does not fit the schema (truncated, corrupt).
                    throw new SerializationException("Cannot decode " + type.getSimpleName()
                            + " written with schema id " + schemaId + ": " + rootMessage(e), e);
                }
                String unanswered = "Cannot fetch schema id " + schemaId + " from the schema registry at "
                        + registry.url();
                if (attempt == LOOKUP_PAUSES_MILLIS.length) {
                    throw unavailable(unanswered, e);
                }
                pause(LOOKUP_PAUSES_MILLIS[attempt], unanswered, e);
            }
        }
    }

    /** Before a lookup is asked again: Apicurio's client does not retry a request whose answer never came. */
    private static void pause(long millis, String unanswered, RuntimeException failure) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(unanswered, failure);
        }
    }

    /**
     * The registry could not answer: no connection, a timeout, or an error status other than 404 (which is an
     * answer: "no such schema"). Decoding errors of the body, an {@link java.io.EOFException} among them, are not.
     */
    private static boolean isRegistryFailure(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ApiException api) {
                return api.getResponseStatusCode() != 404;
            }
            if (e instanceof SocketException || e instanceof SocketTimeoutException || e instanceof HttpTimeoutException
                    || e instanceof UnknownHostException || e instanceof TimeoutException) {
                return true;
            }
            String name = e.getClass().getName();
            if (name.startsWith("io.netty.") || name.startsWith("io.vertx.")) {
                return true; // the HTTP client's own connection errors
            }
        }
        return false;
    }

    /** Avro refused the value itself: a field that does not fit its schema (wrong scale, null where none is allowed). */
    private static boolean isAvroRefusal(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof AvroRuntimeException || e instanceof NullPointerException
                    || e instanceof ClassCastException || e instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status of the registry's answer in the cause chain, or 0 if there was none. */
    private static int statusOf(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ApiException api) {
                return api.getResponseStatusCode();
            }
        }
        return 0;
    }

    private static SchemaRegistryUnavailableException unavailable(String message, RuntimeException e) {
        int status = statusOf(e);
        return new SchemaRegistryUnavailableException(message + ": "
                + (status > 0 ? "HTTP " + status + ", " : "") + rootMessage(e), e);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Configured at construction: the registry is fixed by SchemaRegistryConfig, the record type by the factory.
    }

    /**
     * Nothing: the serde lives as long as its service. Kafka Streams shares one instance between all the tasks of
     * a topology and may close it with any of them, which must not break the others.
     */
    @Override
    public void close() {
        // see above
    }
}
