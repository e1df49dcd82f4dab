package io.tracktion.loader.sales;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, appended to a buffer that is sent a slice at a time. Binary
 * rather than CSV because PostgreSQL then reads times and amounts as they are, instead of parsing their text for
 * every row: a fifth of its work in a copy into {@code sale} (BENCHMARKS.md). Each value is what the column's binary
 * input function reads: UTF-8 for text and json, microseconds since 2000-01-01 UTC for timestamptz, base-10,000
 * digits for numeric. The table still checks every value (a NUL in text, a number too large, JSON that does not
 * parse), as it does in CSV.
 */
final class BinaryCopy {

    /** The signature, flags and header extension that open a binary copy. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds of Java's. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    /** PostgreSQL's limits of a numeric: digits after the point, and before it. */
    private static final int MAX_SCALE = 16_383;
    private static final int MAX_INTEGER_DIGITS = 131_072;

    private byte[] buffer = new byte[1 << 16];
    private int length;

    /** The header, to start the copy with. */
    BinaryCopy header() {
        return bytes(HEADER);
    }

    /** The trailer, to end the copy with. */
    BinaryCopy trailer() {
        return int16(-1);
    }

    /** A row of {@code fields} values follows. */
    BinaryCopy row(int fields) {
        return int16(fields);
    }

    BinaryCopy nullValue() {
        return int32(-1);
    }

    /**
     * Text as UTF-8, an unpaired surrogate as {@code ?}. Through {@code String.getBytes}, whose copy of ASCII text
     * the JVM vectorizes: most of a sale's text, its raw item included, and a fifth of a consumer's time when
     * encoded a char at a time.
     */
    BinaryCopy text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return int32(utf8.length).bytes(utf8);
    }

    BinaryCopy bool(boolean value) {
        return int32(1).int8(value ? 1 : 0);
    }

    BinaryCopy bigint(Long value) {
        return value == null ? nullValue() : int32(8).int64(value);
    }

    /**
     * A timestamptz: microseconds since 2000-01-01 UTC, nanoseconds rounded half up, as pgjdbc rounds the instants
     * bound by the row-by-row way ({@link SaleInsert#bind}), so that a sale's key is the same either way.
     */
    BinaryCopy timestamptz(Instant value) {
        if (value == null) {
            return nullValue();
        }
        long micros = (value.getNano() + 500) / 1_000; // 1,000,000 carries into the next second by itself
        long sincePostgresEpoch;
        try {
            sincePostgresEpoch = Math.addExact(
                    Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L), micros);
        } catch (ArithmeticException e) {
            // Beyond any timestamp: a finite value out of PostgreSQL's range, which it refuses as the row's fault
            // (Long.MAX_VALUE itself would read as 'infinity').
            sincePostgresEpoch = Long.MAX_VALUE - 1;
        }
        return int32(8).int64(sincePostgresEpoch);
    }

    /**
     * A numeric: its digits in groups of four either side of the point (base 10,000), the weight of the first
     * group, the sign and the display scale. Zero groups at either end are left out, as PostgreSQL stores them.
     */
    BinaryCopy numeric(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        if (value.scale() > MAX_SCALE || (long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            // Beyond what a numeric holds, and what its 16-bit header can say: the largest weight PostgreSQL reads,
            // which overflows any column of ours, so that the table refuses the row as it refused the text.
            return int32(10).int16(1).int16(Short.MAX_VALUE).int16(0).int16(0).int16(1);
        }
        BigDecimal number = value.scale() < 0 ? value.setScale(0) : value;
        int scale = number.scale();
        // The unscaled value, with the fraction padded to whole groups: each group a base-10,000 digit.
        int fractionGroups = (scale + 3) / 4;
        BigInteger unscaled = number.unscaledValue().abs().multiply(BigInteger.TEN.pow(fractionGroups * 4 - scale));
        short[] groups = new short[8];
        int count = 0;
        if (unscaled.bitLength() < 63) { // every amount of money: in a long, without a BigInteger per group
            for (long rest = unscaled.longValue(); rest > 0; rest /= 10_000) {
                if (count == groups.length) {
                    groups = Arrays.copyOf(groups, count * 2);
                }
                groups[count++] = (short) (rest % 10_000); // least significant first
            }
        } else {
            while (unscaled.signum() > 0) {
                BigInteger[] divided = unscaled.divideAndRemainder(TEN_THOUSAND);
                if (count == groups.length) {
                    groups = Arrays.copyOf(groups, count * 2);
                }
                groups[count++] = divided[1].shortValue();
                unscaled = divided[0];
            }
        }
        int weight = count - fractionGroups - 1;
        int last = 0; // trailing zero groups are not stored
        while (last < count && groups[last] == 0) {
            last++;
        }
        int digits = count - last;
        int32(8 + 2 * digits).int16(digits).int16(digits == 0 ? 0 : weight)
                .int16(number.signum() < 0 ? 0x4000 : 0).int16(scale);
        for (int i = count - 1; i >= last; i--) {
            int16(groups[i]);
        }
        return this;
    }

    /** The bytes appended since the last {@link #clear}. */
    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    private BinaryCopy int8(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
        return this;
    }

    private BinaryCopy int16(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }

    private BinaryCopy int32(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }

    private BinaryCopy int64(long value) {
        return int32((int) (value >>> 32)).int32((int) value);
    }

    private BinaryCopy bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        return this;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
