package io.tracktion.simulator.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

    @Test
    void floatsAreWrittenLikePythonNotLikeJava() {
        assertEquals("1750000061.412733", JsonNumbers.pythonFloat(1750000061412733L / 1e6));
        assertEquals("1750000000.0", JsonNumbers.pythonFloat(1.75e9));
        assertEquals("0.5", JsonNumbers.pythonFloat(0.5));
    }

    @Test
    void amountsAreIntegersWhenWhole() {
        assertEquals("10", JsonNumbers.amount(new BigDecimal("10.00")));
        assertEquals("1.5", JsonNumbers.amount(new BigDecimal("1.50")));
        assertEquals("1500", JsonNumbers.amount(new BigDecimal("1500")));
        assertEquals("4.99", JsonNumbers.amount(new BigDecimal("4.99")));
    }

    @Test
    void float32NoiseIsWhatBandcampServes() {
        assertEquals("4.989999771118164", JsonNumbers.float32Noise(new BigDecimal("4.99")));
        assertEquals("12", JsonNumbers.float32Noise(new BigDecimal("12.00")));
        assertEquals("1.5", JsonNumbers.float32Noise(new BigDecimal("1.50")), "exact in binary, so no noise");
    }
}
