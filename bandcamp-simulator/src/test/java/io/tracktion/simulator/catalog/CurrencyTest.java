package io.tracktion.simulator.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CurrencyTest {

    @Test
    void formatsLikeBandcamp() {
        assertEquals("€7", Currency.EUR.format(new BigDecimal("7.00")));
        assertEquals("£1.50", Currency.GBP.format(new BigDecimal("1.5")));
        assertEquals("$12", Currency.USD.format(new BigDecimal("12")));
        assertEquals("¥800", Currency.JPY.format(new BigDecimal("800")));
        assertEquals("¥1,500", Currency.JPY.format(new BigDecimal("1500")));
        assertEquals("80 kr", Currency.SEK.format(new BigDecimal("80.00")));
    }

    @Test
    void nicePricesAreWholeUnitsOrHundredsOfYen() {
        assertEquals(new BigDecimal("7.00"), Currency.USD.nicePrice(7.2));
        assertEquals(new BigDecimal("1200"), Currency.JPY.nicePrice(8));
        assertEquals(new BigDecimal("100"), Currency.JPY.nicePrice(0.1), "never free");
        assertEquals(new BigDecimal("85.00"), Currency.SEK.nicePrice(8));
    }
}
