package io.tracktion.loader.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CSV values written by hand, held to what the JDK makes of them. */
class SaleInsertTest {

    @Test
    void writesEveryInstantAsTheSameMomentInUtc() {
        Random random = new Random(7);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long second = first + (long) (random.nextDouble() * (last - first));
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);

            String written = SaleInsert.timestamp(new StringBuilder(), instant).toString();

            assertThat(Instant.parse(written.replace(' ', 'T'))).as(written).isEqualTo(instant);
        }
    }

    @Test
    void writesTheEdgesOfDaysAndYearsWithEveryDigit() {
        assertThat(SaleInsert.timestamp(new StringBuilder(), Instant.parse("2025-06-15T12:34:56.123456Z")))
                .hasToString("2025-06-15 12:34:56.123456000Z");
        assertThat(SaleInsert.timestamp(new StringBuilder(), Instant.parse("0999-01-01T00:00:00Z")))
                .hasToString("0999-01-01 00:00:00Z");
        assertThat(SaleInsert.timestamp(new StringBuilder(), Instant.parse("2024-12-31T23:59:59.000000001Z")))
                .hasToString("2024-12-31 23:59:59.000000001Z");
        assertThat(SaleInsert.timestamp(new StringBuilder(), null)).isEmpty();
        // Outside what PostgreSQL stores: as the JDK spells it, quoted, for the table to refuse.
        assertThat(SaleInsert.timestamp(new StringBuilder(), Instant.parse("-0001-06-15T00:00:00Z")))
                .hasToString("\"-0001-06-15T00:00:00Z\"");
    }
}
