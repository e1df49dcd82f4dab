package io.tracktion.transformer.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The encoding of the topology's internal records and store values (never of a topic others read: those are
 * Avro with the registry). Compact and fast, since every sale passes through it many times; each value starts
 * with a format version so that a later release can still read state written by this one.
 */
public final class BinaryCodec {

    private BinaryCodec() {
    }

    /** Writes one value. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads one value. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Reads one value written in the given format: this build's or an earlier one. */
    @FunctionalInterface
    public interface VersionedReader<T> {
        T read(DataInputStream in, int format) throws IOException;
    }

    /** A serde whose bytes are {@code version} followed by what {@code writer} writes; reads that format only. */
    public static <T> Serde<T> serde(int version, Writer<T> writer, Reader<T> reader) {
        return serde(version, writer, (in, format) -> {
            if (format != version) {
                throw new SerializationException("Internal record of format " + format + ", this build reads " + version);
            }
            return reader.read(in);
        });
    }

    /** A serde that writes format {@code version} and reads it and every earlier format (from 1). */
    public static <T> Serde<T> serde(int version, Writer<T> writer, VersionedReader<T> reader) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : encode(version, writer, value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : decode(version, reader, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static <T> byte[] encode(int version, Writer<T> writer, T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static <T> T decode(int version, VersionedReader<T> reader, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int found = in.readUnsignedByte();
            if (found < 1 || found > version) {
                throw new SerializationException("Internal record of format " + found + ", this build reads 1 to "
                        + version);
            }
            return reader.read(in, found);
        } catch (IOException e) {
            throw new SerializationException("Cannot read an internal record of " + bytes.length + " bytes", e);
        }
    }

    public static void writeString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    public static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Exact: the unscaled value and the scale. */
    public static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        byte[] unscaled = value.unscaledValue().toByteArray();
        out.writeShort(value.scale());
        out.writeByte(unscaled.length);
        out.write(unscaled);
    }

    public static BigDecimal readDecimal(DataInputStream in) throws IOException {
        int scale = in.readShort();
        byte[] unscaled = new byte[in.readUnsignedByte()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }
}
