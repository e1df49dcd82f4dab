package io.tracktion.loader.testing;

import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes to {@code tracktion.sales} the way the transformer does: transactionally, keyed by saleId. */
public final class SalesProducer implements AutoCloseable {

    private static final String TOPIC = Topics.SALES.name();

    private final KafkaProducer<byte[], byte[]> producer;

    public SalesProducer(KafkaCluster kafka) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-sales-" + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** A sale keyed by its saleId, partitioned by key. */
    public static ProducerRecord<byte[], byte[]> record(Sale sale) {
        return new ProducerRecord<>(TOPIC, utf8(sale.getSaleId()), encode(sale));
    }

    /** A sale on a chosen partition, to know what the loader has read past. */
    public static ProducerRecord<byte[], byte[]> record(Sale sale, int partition) {
        return new ProducerRecord<>(TOPIC, partition, utf8(sale.getSaleId()), encode(sale));
    }

    /** As the transformer writes it: Confluent wire format, schema id from the test JVM's registry. */
    public static byte[] encode(Sale sale) {
        return Serde.INSTANCE.serialize(TOPIC, sale);
    }

    /** Made on first use: the registry starts only for tests that encode. */
    private static final class Serde {
        static final RegistryAvroSerde<Sale> INSTANCE = RegistryAvroSerde.sale(SchemaRegistry.shared());
    }

    /** Any bytes at all, e.g. garbage or a tombstone (null value). */
    public static ProducerRecord<byte[], byte[]> raw(String key, byte[] value, int partition) {
        return new ProducerRecord<>(Topics.SALES.name(), partition, utf8(key), value);
    }

    public static List<ProducerRecord<byte[], byte[]>> records(List<Sale> sales) {
        return sales.stream().map(SalesProducer::record).toList();
    }

    /** Sends the records in one committed transaction; returns where each landed. */
    public List<RecordMetadata> commit(List<ProducerRecord<byte[], byte[]>> records) {
        producer.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        records.forEach(record -> sent.add(producer.send(record)));
        producer.commitTransaction();
        List<RecordMetadata> metadata = new ArrayList<>();
        for (Future<RecordMetadata> future : sent) {
            try {
                metadata.add(future.get());
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("Send failed", e);
            }
        }
        return metadata;
    }

    /** Sends the records in a transaction that is then aborted: a read_committed consumer never sees them. */
    public void abort(List<ProducerRecord<byte[], byte[]>> records) {
        producer.beginTransaction();
        records.forEach(producer::send);
        producer.flush();
        producer.abortTransaction();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
