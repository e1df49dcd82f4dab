package io.tracktion.loader.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.testsupport.Postgres;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/** Values encoded by hand in the binary copy format, read back by a real PostgreSQL 17. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BinaryCopyTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    private DataSource dataSource;

    @BeforeEach
    void table() throws SQLException {
        dataSource = POSTGRES.dataSource(POSTGRES.newMigratedDatabase());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copied (n bigint, amount numeric, at timestamptz, words text, flag boolean, "
                    + "id bigint, doc json)");
        }
    }

    @Test
    void everyNumberReadsBackWithItsDigitsAndScale() throws Exception {
        Random random = new Random(11);
        List<BigDecimal> numbers = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.0000"),
                new BigDecimal("1E+3"), new BigDecimal("-2.5E+5"), new BigDecimal("0.0001"), new BigDecimal("-0.00012"),
                new BigDecimal("99999999999999.9999"), new BigDecimal("10000"), new BigDecimal("0.1"),
                new BigDecimal("123456789012345678901234567890.123456789012345678901234567890"),
                new BigDecimal("4990.0000"), new BigDecimal("36.0100")));
        for (int i = 0; i < 5_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(120), random);
            numbers.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(14) - 2));
        }

        copy(numbers.size(), (rows, i) -> rows.numeric(numbers.get(i)).nullValue().nullValue().nullValue().nullValue()
                .nullValue());

        List<String> read = column("amount::text");
        for (int i = 0; i < numbers.size(); i++) {
            BigDecimal number = numbers.get(i);
            assertThat(read.get(i)).as(number.toString())
                    .isEqualTo(number.setScale(Math.max(number.scale(), 0)).toPlainString());
        }
    }

    @Test
    void everyInstantReadsBackAsTheSameMicrosecondInUtc() throws Exception {
        Random random = new Random(7);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("2025-06-15T12:34:56.123456Z"),
                Instant.parse("2025-06-15T12:34:56.0000005Z"), Instant.parse("2025-06-15T12:34:56.0000015Z"),
                Instant.parse("1970-01-01T00:00:00.000000999Z")));
        for (int i = 0; i < 5_000; i++) {
            instants.add(Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)),
                    random.nextInt(1_000_000_000)));
        }

        copy(instants.size(), (rows, i) -> rows.nullValue().timestamptz(instants.get(i)).nullValue().nullValue()
                .nullValue().nullValue());

        List<String> read = column("extract(epoch FROM at)::text");
        for (int i = 0; i < instants.size(); i++) {
            Instant instant = instants.get(i);
            // The fraction of the second, rounded half up (toward the later microsecond, before 1970 too).
            BigDecimal expected = new BigDecimal(instant.getEpochSecond())
                    .add(new BigDecimal(instant.getNano()).movePointLeft(9).setScale(6, RoundingMode.HALF_UP));
            assertThat(new BigDecimal(read.get(i))).as(instant.toString()).isEqualByComparingTo(expected);
        }
    }

    /** Text is encoded by hand: byte for byte what the JDK encodes, for any string. */
    @Test
    void everyStringIsEncodedAsTheJdkEncodesIt() {
        char[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\u0000', '\u007F', '\u0080', 'é', '\u07FF', '\u0800',
                '東', '✨', '\uFFFF', '\uD834', '\uDD1E', '\uDBFF', '\uDFFF'};
        Random random = new Random(13);
        List<String> strings = new ArrayList<>(List.of("", "Sigur Rós · 東京事変 · 𝄞", "\uD800", "a\uDC00b", "\uD834\uDD1E"));
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(40)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = alphabet[random.nextInt(alphabet.length)];
            }
            strings.add(new String(chars));
        }
        for (String text : strings) {
            BinaryCopy rows = new BinaryCopy().text(text);
            byte[] expected = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] written = java.util.Arrays.copyOf(rows.buffer(), rows.length());
            assertThat(java.nio.ByteBuffer.wrap(written).getInt()).as(text).isEqualTo(expected.length);
            assertThat(java.util.Arrays.copyOfRange(written, 4, written.length)).as(text).isEqualTo(expected);
        }
    }

    /** The row-by-row way binds instants through pgjdbc: a sale's time, part of its key, must not depend on the way. */
    @Test
    void everyInstantIsStoredAsPgjdbcStoresItWhenBound() throws Exception {
        List<Instant> instants = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            instants.add(Instant.parse("2025-06-15T12:34:56Z").plusSeconds(random.nextInt(1_000_000))
                    .plusNanos(i % 2 == 0 ? random.nextInt(1_000_000_000) : random.nextInt(1_000_000) * 1_000L + 500));
        }

        copy(instants.size(), (rows, i) -> rows.nullValue().timestamptz(instants.get(i)).nullValue().nullValue()
                .nullValue().nullValue());
        try (Connection c = dataSource.getConnection();
             var bind = c.prepareStatement("INSERT INTO copied (n, at) VALUES (?, ?)")) {
            for (int i = 0; i < instants.size(); i++) {
                bind.setLong(1, instants.size() + i);
                bind.setObject(2, instants.get(i).atOffset(java.time.ZoneOffset.UTC), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                bind.executeUpdate();
            }
        }

        List<String> stored = column("at::text");
        assertThat(stored.subList(0, instants.size())).isEqualTo(stored.subList(instants.size(), stored.size()));
    }

    @Test
    void textFlagsNumbersAndJsonReadBackAsWritten() throws Exception {
        List<String> words = List.of("Sigur Rós · 東京事変 · Мумий Тролль ✨ 𝄞", "", "comma, \"quote\"\nnewline \\N");

        copy(words.size(), (rows, i) -> rows.nullValue().nullValue().text(words.get(i)).bool(i == 1)
                .bigint(i == 2 ? null : 9_007_199_254_740_993L + i).text("{\"a\": [1, 2.50],  \"b\" : null}"));

        assertThat(column("words")).containsExactlyElementsOf(words);
        assertThat(column("flag::text")).containsExactly("false", "true", "false");
        assertThat(column("id::text")).containsExactly("9007199254740993", "9007199254740994", null);
        assertThat(column("doc::text")).containsOnly("{\"a\": [1, 2.50],  \"b\" : null}");
        assertThat(column("amount")).containsOnlyNulls();
    }

    @Test
    void theTableRefusesWhatItCannotStoreAsTheRowsFault() {
        assertThatThrownBy(() -> copy(1, (rows, i) -> rows.nullValue().timestamptz(Instant.MAX).nullValue()
                .nullValue().nullValue().nullValue()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22008"));
        assertThatThrownBy(() -> copy(1, (rows, i) -> rows.nullValue().nullValue().text("bad\u0000text").nullValue()
                .nullValue().nullValue()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22021"));
        assertThatThrownBy(() -> copy(1, (rows, i) -> rows.nullValue().nullValue().nullValue().nullValue()
                .nullValue().text("{\"artist_name\": ")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P02"));
    }

    /** Numbers beyond what a numeric's header can say are refused by a money column, as their text was. */
    @Test
    void aMoneyColumnRefusesNumbersBeyondTheFormat() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE priced (amount numeric(18,4))");
        }
        for (BigDecimal number : List.of(new BigDecimal("1E+999999999"), new BigDecimal("1E+131072"),
                new BigDecimal(BigInteger.ONE, 16_384), new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE),
                new BigDecimal("100000000000000.0000"))) {
            BinaryCopy rows = new BinaryCopy().header().row(1).numeric(number).trailer();
            assertThatThrownBy(() -> {
                try (Connection c = dataSource.getConnection()) {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY priced (amount) FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(rows.buffer(), 0, rows.length()));
                }
            }).as(number.toString()).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("22003"));
        }
    }

    /** Six values after the row's number, for row {@code i}. */
    private interface Row {
        void append(BinaryCopy rows, int i);
    }

    private void copy(int count, Row row) throws Exception {
        BinaryCopy rows = new BinaryCopy().header();
        for (int i = 0; i < count; i++) {
            row.append(rows.row(7).bigint((long) i), i);
        }
        rows.trailer();
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY copied (n, amount, at, words, flag, id, doc) FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(rows.buffer(), 0, rows.length()));
        }
    }

    private List<String> column(String expression) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + expression + " FROM copied ORDER BY n")) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
