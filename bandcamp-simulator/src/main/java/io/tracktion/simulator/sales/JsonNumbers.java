package io.tracktion.simulator.sales;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Number texts as Bandcamp's Python backend writes them: whole amounts as integers ("10"), fractions in
 * the shortest form that reads back as the same double ("1750000061.5301187"), never in exponent form.
 */
final class JsonNumbers {

    private JsonNumbers() {
    }

    /** A float's shortest round-trip text, plain notation, always with a fraction ("1750000000.0"). */
    static String pythonFloat(double value) {
        String shortest = NumberOutput.toString(value, true); // Schubfach: shortest digits, unlike Java 17's Double.toString
        String plain = new BigDecimal(shortest).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** An exact amount: "10" for whole values, else its digits without trailing zeros ("1.5", "4.99"). */
    static String amount(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }

    /**
     * The amount after a round trip through a 32-bit float, as some Bandcamp values arrive
     * (4.99 becomes 4.989999771118164). Whole amounts survive the trip and stay integers.
     */
    static String float32Noise(BigDecimal value) {
        if (value.stripTrailingZeros().scale() <= 0) {
            return amount(value);
        }
        return pythonFloat((double) value.floatValue());
    }
}
