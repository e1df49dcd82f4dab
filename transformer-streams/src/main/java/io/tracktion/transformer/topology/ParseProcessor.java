package io.tracktion.transformer.topology;

import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Topics;
import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Sale;
import io.tracktion.transformer.parse.InvalidSaleException;
import io.tracktion.transformer.parse.SaleParser;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each raw record and parses it into a {@link Sale} keyed by saleId. The raw topic is read as
 * bytes and decoded here, so that bytes which are not a RawSale become a dead letter like any other bad
 * record instead of stopping the stream. Items of carts that are not sales are skipped and counted.
 *
 * <p>Counters (Kafka Streams metrics, group {@value #METRICS_GROUP}, tag
 * {@code transformer-id=parse}): {@code non-sale-skipped-total}, {@code dead-lettered-total}.
 */
final class ParseProcessor implements Processor<byte[], byte[], String, ParseOutcome> {

    static final String METRICS_GROUP = "stream-transformer-metrics";
    private static final String METRICS_SCOPE = "transformer";
    private static final String METRICS_ENTITY = "parse";

    /** The {@link DeadLetterHeaders#STAGE}s of this processor. */
    static final String STAGE_DECODE = "transformer-streams/decode";
    static final String STAGE_PARSE = "transformer-streams/parse";

    private static final Logger LOG = LoggerFactory.getLogger(ParseProcessor.class);

    private final RegistryAvroSerde<RawSale> rawSales;
    private ProcessorContext<String, ParseOutcome> context;
    private Sensor nonSaleSkipped;
    private Sensor deadLettered;

    ParseProcessor(RegistryAvroSerde<RawSale> rawSales) {
        this.rawSales = rawSales;
    }

    @Override
    public void init(ProcessorContext<String, ParseOutcome> context) {
        this.context = context;
        // Thread-level sensors: every task on a thread gets the same pair.
        this.nonSaleSkipped = context.metrics().addRateTotalSensor(METRICS_SCOPE, METRICS_ENTITY,
                "non-sale-skipped", Sensor.RecordingLevel.INFO);
        this.deadLettered = context.metrics().addRateTotalSensor(METRICS_SCOPE, METRICS_ENTITY,
                "dead-lettered", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RawSale raw;
        try {
            if (record.value() == null) {
                throw new SerializationException("Cannot decode RawSale: the record has no value");
            }
            // A SchemaRegistryUnavailableException is not caught: the record is fine, the registry is not.
            raw = rawSales.deserialize(Topics.RAW_SALES.name(), record.value());
        } catch (SerializationException e) {
            reject(record, e, STAGE_DECODE);
            return;
        }
        if (!SaleParser.isSaleEvent(raw)) {
            LOG.debug("Skipping sale {} of a '{}' event", raw.getSaleId(), raw.getEventType());
            nonSaleSkipped.record();
            return;
        }
        Sale sale;
        try {
            sale = SaleParser.parse(raw);
        } catch (InvalidSaleException | RuntimeException e) {
            // A RuntimeException here is a parser bug met by one odd item: dead-letter it with its class
            // named rather than stop every partition behind it.
            reject(record, e, STAGE_PARSE);
            return;
        }
        context.forward(new Record<>(sale.getSaleId(), ParseOutcome.parsed(sale), record.timestamp(), record.headers()));
    }

    private void reject(Record<byte[], byte[]> record, Exception error, String stage) {
        var source = context.recordMetadata().orElse(null);
        LOG.warn("Dead-lettering the record at {}: {}", source == null ? "an unknown offset"
                : source.topic() + "-" + source.partition() + "@" + source.offset(), error.toString());
        deadLettered.record();
        var headers = DeadLetterHeaders.of(record.headers(), error, stage,
                source == null ? null : new DeadLetterHeaders.Source(source.topic(), source.partition(), source.offset()),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>((String) null, ParseOutcome.rejected(record.key(), record.value()),
                record.timestamp(), headers));
    }
}
