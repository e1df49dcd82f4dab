package io.tracktion.transformer.delta;

import io.tracktion.transformer.codec.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * What one sale adds to (sign +1) or takes from (sign -1) the entities and charts of one analytics partition.
 * The facts are the sale's; each contribution multiplies them by its sign, so a refund or the retraction of an
 * "unknown" attribution is the same arithmetic as a sale.
 *
 * @param soldAtMicros event time: the item's time, UTC microseconds
 * @param cartId       the feed event the item was bought in
 * @param countryCode  the buyer's ISO code, or {@link Dimension#UNKNOWN}
 * @param overpayUsd   paid above a non-zero list price, in USD; zero when not above it
 */
public record SaleDelta(String saleId, long soldAtMicros, String cartId, String currency, BigDecimal amount,
                        BigDecimal amountUsd, boolean payWhatYouWant, BigDecimal overpayUsd, String countryCode,
                        List<Contribution> entities, List<ChartContribution> charts) {

    /** One entity's share of the sale. */
    public record Contribution(EntityRef entity, int sign) {
    }

    /** An entity's share of the sale in one chart. */
    public record ChartContribution(ChartRef chart, EntityRef entity, int sign) {
    }

    public long soldAtMillis() {
        return Math.floorDiv(soldAtMicros, 1000);
    }

    private static final int FORMAT = 1;

    public static final Serde<SaleDelta> SERDE = BinaryCodec.serde(FORMAT, SaleDelta::write, SaleDelta::read);

    private static void write(DataOutputStream out, SaleDelta delta) throws IOException {
        out.writeUTF(delta.saleId);
        out.writeLong(delta.soldAtMicros);
        out.writeUTF(delta.cartId);
        out.writeUTF(delta.currency);
        BinaryCodec.writeDecimal(out, delta.amount);
        BinaryCodec.writeDecimal(out, delta.amountUsd);
        out.writeBoolean(delta.payWhatYouWant);
        BinaryCodec.writeDecimal(out, delta.overpayUsd);
        out.writeUTF(delta.countryCode);
        out.writeShort(delta.entities.size());
        for (Contribution c : delta.entities) {
            writeEntity(out, c.entity());
            out.writeByte(c.sign());
        }
        out.writeShort(delta.charts.size());
        for (ChartContribution c : delta.charts) {
            out.writeByte(c.chart().dimension().ordinal());
            out.writeUTF(c.chart().scope());
            writeEntity(out, c.entity());
            out.writeByte(c.sign());
        }
    }

    private static SaleDelta read(DataInputStream in) throws IOException {
        String saleId = in.readUTF();
        long soldAt = in.readLong();
        String cart = in.readUTF();
        String currency = in.readUTF();
        BigDecimal amount = BinaryCodec.readDecimal(in);
        BigDecimal usd = BinaryCodec.readDecimal(in);
        boolean nyp = in.readBoolean();
        BigDecimal overpay = BinaryCodec.readDecimal(in);
        String country = in.readUTF();
        int entityCount = in.readShort();
        List<Contribution> entities = new ArrayList<>(entityCount);
        for (int i = 0; i < entityCount; i++) {
            entities.add(new Contribution(readEntity(in), in.readByte()));
        }
        int chartCount = in.readShort();
        List<ChartContribution> charts = new ArrayList<>(chartCount);
        for (int i = 0; i < chartCount; i++) {
            ChartRef chart = new ChartRef(Dimension.values()[in.readByte()], in.readUTF());
            charts.add(new ChartContribution(chart, readEntity(in), in.readByte()));
        }
        return new SaleDelta(saleId, soldAt, cart, currency, amount, usd, nyp, overpay, country, entities, charts);
    }

    private static void writeEntity(DataOutputStream out, EntityRef entity) throws IOException {
        out.writeByte(entity.dimension().ordinal());
        out.writeUTF(entity.id());
        out.writeUTF(entity.name());
    }

    private static EntityRef readEntity(DataInputStream in) throws IOException {
        return new EntityRef(Dimension.values()[in.readByte()], in.readUTF(), in.readUTF());
    }
}
