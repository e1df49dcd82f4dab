package io.tracktion.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A generated Avro record in Avro's standard single-object encoding ({@code C3 01}, the writer schema's
 * 8-byte fingerprint, then the body): how every topic was written before the schema registry. Any released
 * version of the schema can be read: the writer schema is looked up in {@link ReleasedSchemas}.
 * {@link RegistryAvroSerde} reads these records still; new ones are written in the Confluent wire format.
 *
 * <p>Thread-safe; one instance per record type is enough.
 */
public final class SingleObjectSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    static {
        TrustedClasses.install();
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public SingleObjectSerde(Class<T> type, Schema schema) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, ReleasedSchemas.get().store());
    }

    public static SingleObjectSerde<RawSale> rawSale() {
        return new SingleObjectSerde<>(RawSale.class, RawSale.getClassSchema());
    }

    public static SingleObjectSerde<Sale> sale() {
        return new SingleObjectSerde<>(Sale.class, Sale.getClassSchema());
    }

    public static SingleObjectSerde<FeedCursor> feedCursor() {
        return new SingleObjectSerde<>(FeedCursor.class, FeedCursor.getClassSchema());
    }

    public static SingleObjectSerde<Release> release() {
        return new SingleObjectSerde<>(Release.class, Release.getClassSchema());
    }

    public static SingleObjectSerde<FeedGap> feedGap() {
        return new SingleObjectSerde<>(FeedGap.class, FeedGap.getClassSchema());
    }

    public static SingleObjectSerde<FeedWindowReceived> feedWindowReceived() {
        return new SingleObjectSerde<>(FeedWindowReceived.class, FeedWindowReceived.getClassSchema());
    }

    public static SingleObjectSerde<EnrichedSale> enrichedSale() {
        return new SingleObjectSerde<>(EnrichedSale.class, EnrichedSale.getClassSchema());
    }

    public static SingleObjectSerde<StatsWindow> statsWindow() {
        return new SingleObjectSerde<>(StatsWindow.class, StatsWindow.getClassSchema());
    }

    public static SingleObjectSerde<TrendingChart> trendingChart() {
        return new SingleObjectSerde<>(TrendingChart.class, TrendingChart.getClassSchema());
    }

    public static SingleObjectSerde<Signal> signal() {
        return new SingleObjectSerde<>(Signal.class, Signal.getClassSchema());
    }

    /** Encodes a record; throws {@link SerializationException} if it does not fit its schema. */
    public byte[] encode(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a record; throws {@link SerializationException} for bytes that are not one. */
    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : decode(data);
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
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the schema is fixed by the type.
    }

    @Override
    public void close() {
        // Nothing to release; Serde, Serializer and Deserializer all declare close().
    }
}
