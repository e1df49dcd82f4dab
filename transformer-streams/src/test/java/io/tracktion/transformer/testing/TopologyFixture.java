package io.tracktion.transformer.testing;

import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.SchemaRegistry;
import io.tracktion.transformer.streams.TransformerSettings;
import io.tracktion.transformer.topology.TransformerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The transformer's topology in a {@link TopologyTestDriver}, configured as in production (exactly-once). */
public final class TopologyFixture implements AutoCloseable {

    /** Record time of the first record piped in; later ones get the times the test gives. */
    public static final Instant START = Instant.parse("2025-06-15T15:20:00Z");

    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> raw;
    private final TestOutputTopic<String, Sale> sales;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final RegistryAvroSerde<RawSale> rawSerde = RegistryAvroSerde.rawSale(SchemaRegistry.shared());

    /** The topology against the test JVM's registry, where every released schema is registered. */
    public TopologyFixture(Path stateDir) {
        var config = TransformerSettings.of("unused:9092", "transformer-test", stateDir.toString(), 1).streamsConfig();
        SchemaRegistryConfig registry = SchemaRegistry.shared();
        driver = new TopologyTestDriver(TransformerTopology.buildTopology(registry), config, START);
        raw = driver.createInputTopic(Topics.RAW_SALES.name(), new ByteArraySerializer(), new ByteArraySerializer(),
                START, Duration.ZERO);
        sales = driver.createOutputTopic(Topics.SALES.name(), new StringDeserializer(), RegistryAvroSerde.sale(registry));
        deadLetters = driver.createOutputTopic(Topics.SALES_DEAD_LETTER.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Pipes a raw sale keyed by its saleId at the given record time. */
    public void pipe(RawSale sale, Instant time) {
        pipeBytes(utf8(sale.getSaleId()), encode(sale), time);
    }

    public void pipe(RawSale sale) {
        pipe(sale, START);
    }

    public void pipeBytes(byte[] key, byte[] value, Instant time) {
        pipeRecord(new TestRecord<>(key, value, time));
    }

    public void pipeRecord(TestRecord<byte[], byte[]> record) {
        raw.pipeInput(record);
    }

    /** In the Confluent wire format, as the ingestor writes it. */
    public byte[] encode(RawSale sale) {
        return rawSerde.serialize(Topics.RAW_SALES.name(), sale);
    }

    /** The one sale the records piped so far produced, failing unless there is exactly one. */
    public Sale onlySale() {
        List<TestRecord<String, Sale>> records = sales.readRecordsToList();
        if (records.size() != 1) {
            throw new AssertionError("Expected exactly one sale but got " + records.size() + ", dead letters: "
                    + deadLetters.readRecordsToList().stream().map(TopologyFixture::errorOf).toList());
        }
        return records.get(0).value();
    }

    public List<TestRecord<String, Sale>> sales() {
        return sales.readRecordsToList();
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public static String errorOf(TestRecord<byte[], byte[]> deadLetter) {
        return header(deadLetter, DeadLetterHeaders.ERROR);
    }

    public static String header(TestRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
