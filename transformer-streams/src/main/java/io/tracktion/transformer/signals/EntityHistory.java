package io.tracktion.transformer.signals;

import io.tracktion.transformer.codec.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;

/** Everything the entity signals remember of one entity, all time. */
final class EntityHistory {

    /** The first sale has been signalled. */
    boolean firstSaleSignalled;
    long units;
    BigDecimal revenueUsd = BigDecimal.ZERO;
    /** How many of the unit and revenue milestone steps have been signalled: each once, for ever. */
    int unitStepsReached;
    int revenueStepsReached;
    /** Buyer countries sold to (artists only). */
    final SortedSet<String> countries = new TreeSet<>();
    SpikeDetector spikes = new SpikeDetector();

    private static final int FORMAT = 1;

    static final Serde<EntityHistory> SERDE = BinaryCodec.serde(FORMAT, EntityHistory::write, EntityHistory::read);

    private static void write(DataOutputStream out, EntityHistory h) throws IOException {
        out.writeBoolean(h.firstSaleSignalled);
        out.writeLong(h.units);
        BinaryCodec.writeDecimal(out, h.revenueUsd);
        out.writeByte(h.unitStepsReached);
        out.writeByte(h.revenueStepsReached);
        out.writeShort(h.countries.size());
        for (String country : h.countries) {
            out.writeUTF(country);
        }
        h.spikes.write(out);
    }

    private static EntityHistory read(DataInputStream in) throws IOException {
        EntityHistory h = new EntityHistory();
        h.firstSaleSignalled = in.readBoolean();
        h.units = in.readLong();
        h.revenueUsd = BinaryCodec.readDecimal(in);
        h.unitStepsReached = in.readByte();
        h.revenueStepsReached = in.readByte();
        int countries = in.readShort();
        for (int i = 0; i < countries; i++) {
            h.countries.add(in.readUTF());
        }
        h.spikes = SpikeDetector.read(in);
        return h;
    }
}
