package io.tracktion.transformer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "4.989999771118164, USD, 4.9900",
            "4.99,              EUR, 4.9900",
            "0.125,             USD, 0.1300", // HALF_UP, not the banker's 0.12
            "0.124999,          GBP, 0.1200",
            "800,               JPY, 800.0000",
            "800.5,             JPY, 801.0000",
            "1.2345,            BHD, 1.2350", // three minor digits
            "7.777,             XXX, 7.7800", // no minor unit (Java says -1): 2 digits
            "7.777,             ZZZ, 7.7800", // unknown code: 2 digits
            "1e3,               USD, 1000.0000",
            "1000000000000,     USD, 1000000000000.0000",
    })
    void roundsToTheMinorUnitWithScaleFour(String text, String currency, String expected) throws Exception {
        BigDecimal rounded = Money.inCurrency(Money.parse("amount_paid", text), currency);

        assertThat(rounded).isEqualTo(new BigDecimal(expected)); // equals checks the scale too
        assertThat(rounded.scale()).isEqualTo(Money.AVRO_SCALE);
    }

    @Test
    void usdIsRoundedToCents() {
        assertThat(Money.inUsd(new BigDecimal("11.624999"))).isEqualTo(new BigDecimal("11.6200"));
        assertThat(Money.inUsd(new BigDecimal("5.409999847412109"))).isEqualTo(new BigDecimal("5.4100"));
    }

    @Test
    void minorUnitDigitsFollowTheCurrency() {
        assertThat(Money.minorUnitDigits("USD")).isEqualTo(2);
        assertThat(Money.minorUnitDigits("JPY")).isZero();
        assertThat(Money.minorUnitDigits("KWD")).isEqualTo(3);
        assertThat(Money.minorUnitDigits("XAU")).isEqualTo(2);
        assertThat(Money.minorUnitDigits("QQQ")).isEqualTo(2);
    }

    @Test
    void acceptsNumericTextWithSurroundingSpace() throws Exception {
        assertThat(Money.parse("item_price", " 4.99 ")).isEqualByComparingTo("4.99");
        assertThat(Money.parse("item_price", "-0")).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "abc                | amount_paid is not a number: abc",
            "4,99               | amount_paid is not a number: 4,99",
            "NaN                | amount_paid is not a number: NaN",
            "''                 | 'amount_paid is not a number: '",
            "-0.01              | amount_paid is negative: -0.01",
            "1000000000000.01   | amount_paid is out of range: 1000000000000.01",
            "1e400              | amount_paid is out of range: 1e400",
    })
    void rejectsWhatIsNotAnAmount(String text, String message) {
        assertThatThrownBy(() -> Money.parse("amount_paid", text))
                .isInstanceOf(InvalidSaleException.class)
                .hasMessage(message);
    }
}
