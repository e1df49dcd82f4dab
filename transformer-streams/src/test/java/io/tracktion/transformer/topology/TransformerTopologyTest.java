package io.tracktion.transformer.topology;

import static io.tracktion.transformer.testing.Samples.raw;
import static io.tracktion.transformer.testing.TopologyFixture.START;
import static io.tracktion.transformer.testing.TopologyFixture.errorOf;
import static io.tracktion.transformer.testing.TopologyFixture.header;
import static io.tracktion.transformer.testing.TopologyFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.SingleObjectSerde;
import io.tracktion.schemas.Topics;
import io.tracktion.transformer.testing.Samples;
import io.tracktion.transformer.testing.TopologyFixture;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deduplication, dead letters and skipped carts, through the whole topology. */
class TransformerTopologyTest {

    private static final String ALBUM = Samples.item(Samples.ALBUM_EUR_OVERPAID);

    @TempDir
    Path stateDir;
    private TopologyFixture topology;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void aDuplicateSaleIdWithinTheRetentionIsDropped() {
        RawSale sale = raw("sale-1", ALBUM).build();
        topology.pipe(sale, START);
        topology.pipe(raw("sale-2", ALBUM).build(), START.plusSeconds(1));
        topology.pipe(sale, START.plus(Duration.ofHours(47)));
        topology.pipe(sale, START.minus(Duration.ofHours(1))); // late, out of order

        assertThat(topology.sales()).extracting(TestRecord::key).containsExactly("sale-1", "sale-2");
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void rawRecordsWrittenBeforeTheRegistryAreReadAndEverySaleIsWrittenInTheWireFormat() {
        RawSale old = raw("sale-old", ALBUM).build();
        topology.pipeBytes(utf8("sale-old"), SingleObjectSerde.rawSale().encode(old), START);
        topology.pipe(raw("sale-new", ALBUM).build(), START.plusSeconds(1));
        topology.pipeBytes(utf8("sale-old"), topology.encode(old), START.plusSeconds(2)); // the same sale, re-encoded

        var bytes = topology.driver().createOutputTopic(Topics.SALES.name(), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        assertThat(bytes).extracting(TestRecord::key).containsExactly("sale-old", "sale-new");
        assertThat(bytes).allSatisfy(record -> {
            assertThat(record.value()[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(record.value(), 1, 4).getInt()).as("schema id").isPositive();
        });
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void bytesInNeitherEncodingAreADeadLetterNamingBoth() {
        topology.pipeBytes(utf8("k"), new byte[] {7, 0, 0, 0, 1, 2}, START);
        topology.pipeBytes(utf8("k2"), new byte[] {0, 0x7f, 0, 0, 1, 2}, START); // a schema id the registry lacks

        List<TestRecord<byte[], byte[]>> deadLetters = topology.deadLetters();
        assertThat(deadLetters).extracting(TopologyFixture::errorOf).satisfiesExactly(
                error -> assertThat(error).contains("neither the Confluent wire format", "single-object"),
                error -> assertThat(error).contains("schema id 2130706433 is not in the schema registry"));
        assertThat(topology.sales()).isEmpty();
    }

    @Test
    void aDuplicateBeyondTheRetentionPassesAgain() {
        RawSale sale = raw("sale-1", ALBUM).build();
        topology.pipe(sale, START);
        topology.pipe(sale, START.plus(TransformerTopology.DEDUP_RETENTION).plus(Duration.ofHours(1)));

        assertThat(topology.sales()).extracting(TestRecord::key).containsExactly("sale-1", "sale-1");
    }

    @Test
    void aDuplicateRefreshesHowLongItsIdIsRemembered() {
        RawSale sale = raw("sale-1", ALBUM).build();
        topology.pipe(sale, START);
        topology.pipe(sale, START.plus(Duration.ofHours(40)));
        topology.pipe(sale, START.plus(Duration.ofHours(80))); // 80 h after the first, 40 h after the last

        assertThat(topology.sales()).hasSize(1);
    }

    @Test
    void itemsOfCartsThatAreNotSalesAreSkippedAndCounted() {
        topology.pipe(raw("refunded", ALBUM).setEventType("refund").build());
        topology.pipe(raw("untyped", ALBUM).setEventType(null).build());

        assertThat(topology.sales()).extracting(TestRecord::key).containsExactly("untyped");
        assertThat(topology.deadLetters()).isEmpty();
        assertThat(counter("non-sale-skipped-total")).isEqualTo(1.0);
        assertThat(counter("dead-lettered-total")).isZero();
    }

    @Test
    void bytesThatAreNotARawSaleAreDeadLetteredWithTheirOriginalBytesAndHeaders() {
        byte[] key = utf8("some-key");
        byte[] value = {(byte) 0xC3, 0x01, 1, 2, 3};
        var headers = new RecordHeaders().add("trace-id", utf8("abc"));
        topology.pipeRecord(new TestRecord<>(key, value, headers, START));

        List<TestRecord<byte[], byte[]>> deadLetters = topology.deadLetters();
        assertThat(deadLetters).hasSize(1);
        TestRecord<byte[], byte[]> letter = deadLetters.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(errorOf(letter)).startsWith("org.apache.kafka.common.errors.SerializationException: Cannot decode RawSale");
        assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("transformer-streams/decode");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.RAW_SALES.name());
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(Instant.parse(header(letter, DeadLetterHeaders.FAILED_AT))).isEqualTo(START);
        assertThat(header(letter, "trace-id")).as("the record's own headers stay").isEqualTo("abc");
        assertThat(topology.sales()).isEmpty();
        assertThat(counter("dead-lettered-total")).isEqualTo(1.0);
    }

    @Test
    void aRecordWithoutValueIsDeadLettered() {
        topology.pipeBytes(utf8("tombstone"), null, START);

        TestRecord<byte[], byte[]> letter = topology.deadLetters().get(0);
        assertThat(letter.value()).isNull();
        assertThat(errorOf(letter)).endsWith("Cannot decode RawSale: the record has no value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"amount_paid\": 10,  | \"amount_paid\": \"abc\", | amount_paid is not a number: abc",
            "\"item_type\": \"a\", | \"item_type\": \"z\",     | item_type is unknown: z",
            "\"artist_name\": \"Velvet Orrery\",  |            | artist_name is missing",
    })
    void aMalformedItemIsDeadLetteredNamingTheField(String original, String replacement, String reason) {
        String item = ALBUM.replace(original, replacement == null ? "" : replacement);
        assertThat(item).isNotEqualTo(ALBUM);
        assertParseDeadLetter(raw("bad", item).build(), reason);
    }

    @Test
    void anItemThatIsNotAnObjectIsDeadLettered() {
        assertParseDeadLetter(raw("bad", "[\"oops\", 42, null]").build(),
                "item is not a JSON object: [\"oops\", 42, null]");
    }

    @Test
    void theNextGoodRecordAfterBadOnesIsStillProcessed() {
        topology.pipeBytes(utf8("garbage"), utf8("not avro at all"), START);
        topology.pipe(raw("bad-item", "\"oops\"").build(), START);
        topology.pipe(raw("good", ALBUM).build(), START.plusSeconds(1));

        assertThat(topology.deadLetters()).extracting(letter -> header(letter, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("0", "1");
        assertThat(topology.sales()).extracting(TestRecord::key).containsExactly("good");
    }

    private void assertParseDeadLetter(RawSale sale, String reason) {
        byte[] original = topology.encode(sale);
        topology.pipeBytes(utf8(sale.getSaleId()), original, START);

        List<TestRecord<byte[], byte[]>> deadLetters = topology.deadLetters();
        assertThat(deadLetters).hasSize(1);
        TestRecord<byte[], byte[]> letter = deadLetters.get(0);
        assertThat(letter.key()).isEqualTo(utf8(sale.getSaleId()));
        assertThat(letter.value()).isEqualTo(original);
        assertThat(errorOf(letter)).isEqualTo("io.tracktion.transformer.parse.InvalidSaleException: " + reason);
        assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("transformer-streams/parse");
        assertThat(topology.sales()).isEmpty();
    }

    private double counter(String name) {
        return topology.driver().metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(ParseProcessor.METRICS_GROUP) && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
