package io.tracktion.transformer.stats;

import io.tracktion.transformer.codec.BinaryCodec;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.parse.Money;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * The sums of one entity in one window. Every figure is a plain sum of signed contributions, so a negative
 * contribution (a refund, a retracted attribution) subtracts exactly what a positive one added, and the order
 * contributions arrive in does not change the result. Distinct carts are counted by the caller, which knows
 * whether a contribution opened or emptied a cart for this entity.
 */
final class WindowTotals {

    String entityName;
    long units;
    BigDecimal revenueUsd = BigDecimal.ZERO;
    final Map<String, BigDecimal> revenueByCurrency = new TreeMap<>();
    long carts;
    /** By buyer country, for the dimensions whose pages show their top countries ({@link #add}'s byCountry). */
    final Map<String, CountrySums> byCountry = new TreeMap<>();
    long payWhatYouWantUnits;
    BigDecimal overpayUsd = BigDecimal.ZERO;
    long lastSaleMicros;
    /** Records written for this window so far. */
    long version;
    /** Its final record has been written. */
    boolean closed;
    /** Changed since its last record was written: kept with the sums, so a restarted task knows what to write. */
    boolean pending;

    WindowTotals(String entityName) {
        this.entityName = entityName;
    }

    /**
     * One buyer country's share of a window. Its USD as a count of ten-thousandths: the schemas' money has scale 4,
     * and a genre's window holds some 25 countries, written with every change, where decimals cost (BENCHMARKS.md).
     */
    static final class CountrySums {
        long units;
        long usdTenThousandths;
        long carts;

        boolean isZero() {
            return units == 0 && carts == 0 && usdTenThousandths == 0;
        }

        BigDecimal revenueUsd() {
            return BigDecimal.valueOf(usdTenThousandths, Money.AVRO_SCALE);
        }
    }

    /** Adds {@code sign} times the sale; {@code cartChange} is +1, -1 or 0 distinct carts. */
    void add(SaleDelta sale, int sign, int cartChange, String name) {
        BigDecimal factor = BigDecimal.valueOf(sign);
        entityName = name;
        units += sign;
        revenueUsd = revenueUsd.add(sale.amountUsd().multiply(factor));
        revenueByCurrency.merge(sale.currency(), sale.amount().multiply(factor), BigDecimal::add);
        if (revenueByCurrency.get(sale.currency()).signum() == 0 && units == 0) {
            revenueByCurrency.remove(sale.currency());
        }
        carts += cartChange;
        if (sale.payWhatYouWant()) {
            payWhatYouWantUnits += sign;
        }
        overpayUsd = overpayUsd.add(sale.overpayUsd().multiply(factor));
        lastSaleMicros = Math.max(lastSaleMicros, sale.soldAtMicros());
    }

    /**
     * Adds {@code sign} times the sale to its buyer country's share; {@code cartChange} is the change in the distinct
     * carts with an item of this entity bought from that country.
     */
    void addToCountry(SaleDelta sale, int sign, int cartChange) {
        CountrySums country = byCountry.computeIfAbsent(sale.countryCode(), c -> new CountrySums());
        country.units += sign;
        country.usdTenThousandths += sign * sale.amountUsd().setScale(Money.AVRO_SCALE, RoundingMode.HALF_EVEN)
                .unscaledValue().longValueExact();
        country.carts += cartChange;
        if (country.isZero()) { // a retracted attribution leaves no empty country behind
            byCountry.remove(sale.countryCode());
        }
    }

    /** 2 added {@link #pending}, 3 {@link #byCountry}; a window of an earlier format reads as written. */
    private static final int FORMAT = 3;

    static final Serde<WindowTotals> SERDE = BinaryCodec.serde(FORMAT, WindowTotals::write, WindowTotals::read);

    private static void write(DataOutputStream out, WindowTotals t) throws IOException {
        out.writeUTF(t.entityName);
        out.writeLong(t.units);
        BinaryCodec.writeDecimal(out, t.revenueUsd);
        out.writeShort(t.revenueByCurrency.size());
        for (Map.Entry<String, BigDecimal> entry : t.revenueByCurrency.entrySet()) {
            out.writeUTF(entry.getKey());
            BinaryCodec.writeDecimal(out, entry.getValue());
        }
        out.writeLong(t.carts);
        out.writeShort(t.byCountry.size());
        for (Map.Entry<String, CountrySums> entry : t.byCountry.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue().units);
            out.writeLong(entry.getValue().usdTenThousandths);
            out.writeLong(entry.getValue().carts);
        }
        out.writeLong(t.payWhatYouWantUnits);
        BinaryCodec.writeDecimal(out, t.overpayUsd);
        out.writeLong(t.lastSaleMicros);
        out.writeLong(t.version);
        out.writeBoolean(t.closed);
        out.writeBoolean(t.pending);
    }

    private static WindowTotals read(DataInputStream in, int format) throws IOException {
        WindowTotals t = new WindowTotals(in.readUTF());
        t.units = in.readLong();
        t.revenueUsd = BinaryCodec.readDecimal(in);
        int currencies = in.readShort();
        for (int i = 0; i < currencies; i++) {
            t.revenueByCurrency.put(in.readUTF(), BinaryCodec.readDecimal(in));
        }
        t.carts = in.readLong();
        int countries = format >= 3 ? in.readShort() : 0;
        for (int i = 0; i < countries; i++) {
            CountrySums country = new CountrySums();
            String code = in.readUTF();
            country.units = in.readLong();
            country.usdTenThousandths = in.readLong();
            country.carts = in.readLong();
            t.byCountry.put(code, country);
        }
        t.payWhatYouWantUnits = in.readLong();
        t.overpayUsd = BinaryCodec.readDecimal(in);
        t.lastSaleMicros = in.readLong();
        t.version = in.readLong();
        t.closed = in.readBoolean();
        t.pending = format >= 2 && in.readBoolean();
        return t;
    }
}
