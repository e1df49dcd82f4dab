package io.tracktion.transformer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaleTimesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1750000061.5301187, 2025-06-15T15:07:41.530119Z",
            "1750000061.412733,  2025-06-15T15:07:41.412733Z",
            // An exact tie rounds up; through a double it would not be a tie any more.
            "1750000061.4127335, 2025-06-15T15:07:41.412734Z",
            "1750000061.4127334999999, 2025-06-15T15:07:41.412733Z",
            "1750000061.9999996, 2025-06-15T15:07:42Z",
            "1750000061,         2025-06-15T15:07:41Z",
            "1.750000061412733E9, 2025-06-15T15:07:41.412733Z",
            "0,                  1970-01-01T00:00:00Z",
    })
    void readsEpochSecondsExactlyToTheMicrosecond(String text, String expected) throws Exception {
        assertThat(SaleTimes.parse("utc_date", text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "yesterday     | utc_date is not a number: yesterday",
            "-1            | utc_date is out of range: -1",
            "253402300800  | utc_date is out of range: 253402300800",
            "1e30          | utc_date is out of range: 1e30",
    })
    void rejectsWhatIsNotATime(String text, String message) {
        assertThatThrownBy(() -> SaleTimes.parse("utc_date", text))
                .isInstanceOf(InvalidSaleException.class)
                .hasMessage(message.strip());
    }

    @Test
    void contextTimesAreNullWhenUnreadable() {
        assertThat(SaleTimes.parseOrNull(null)).isNull();
        assertThat(SaleTimes.parseOrNull("soon")).isNull();
        assertThat(SaleTimes.parseOrNull("1750000061.412733")).isEqualTo(Instant.parse("2025-06-15T15:07:41.412733Z"));
    }
}
