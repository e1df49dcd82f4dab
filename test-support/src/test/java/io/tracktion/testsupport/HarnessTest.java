package io.tracktion.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracktion.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(120)
class HarnessTest {

    @RegisterExtension
    static final KafkaCluster kafka = new KafkaCluster();

    @RegisterExtension
    static final Postgres postgres = new Postgres();

    @Test
    void kafkaRoundTripsARecordOnAProductTopic() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SALES_DEAD_LETTER.name(), "k", "v")).get();
        }
        var records = kafka.readAtLeast(Topics.SALES_DEAD_LETTER.name(), 1, Duration.ofSeconds(30));
        assertEquals("v", new String(records.get(0).value(), StandardCharsets.UTF_8));
    }

    @Test
    void postgresGivesEachCallerItsOwnDatabase() throws Exception {
        String a = postgres.newDatabase();
        String b = postgres.newDatabase();
        try (var c = postgres.dataSource(a).getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (x int)");
        }
        try (var c = postgres.dataSource(b).getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }
}
