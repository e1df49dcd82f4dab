package io.tracktion.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.loader.status.LoaderStats;
import io.tracktion.loader.testing.Loader;
import io.tracktion.loader.testing.SaleTable;
import io.tracktion.loader.testing.Sales;
import io.tracktion.loader.testing.SalesProducer;
import io.tracktion.registry.LocalRegistry;
import io.tracktion.registry.SchemaRegistrar;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loader and a registry of this test's own, which it takes down: what the loader has decoded before it keeps
 * decoding from its cache; a schema id it has not seen waits, retried and never dead-lettered, until the
 * registry is back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoaderSchemaRegistryOutageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    @Test
    void keepsLoadingWithKnownIdsAndWaitsForUnknownOnes() throws Exception {
        String database = POSTGRES.newMigratedDatabase();
        SaleTable table = new SaleTable(POSTGRES.dataSource(database));
        LocalRegistry registry = LocalRegistry.start();
        SchemaRegistryConfig config = new SchemaRegistryConfig(registry.url());
        new SchemaRegistrar(config.confluentApi()).registerAll();
        RegistryAvroSerde<Sale> transformerSerde = RegistryAvroSerde.sale(config);
        String topic = Topics.SALES.name();

        try (SalesProducer producer = new SalesProducer(KAFKA);
             Loader loader = Loader.start(KAFKA, POSTGRES, database, registry.url().toString())) {
            producer.commit(List.of(SalesProducer.raw("k", transformerSerde.serialize(topic, Sales.sale("known-1")), 0)));
            await().atMost(PATIENCE).until(() -> table.count("known-") == 1);
            byte[] known = transformerSerde.serialize(topic, Sales.sale("known-2"));

            registry.close();
            // Away after it was ready: shown, but UP, so that no orchestrator restarts a loader that still works.
            await().atMost(PATIENCE).untilAsserted(() -> {
                Loader.Response health = loader.get("/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.component("schemaRegistry")).containsEntry("status", "UP");
                assertThat(health.component("schemaRegistry").get("details").toString()).contains("reachable=false");
            });
            producer.commit(List.of(SalesProducer.raw("k", known, 0)));
            await().atMost(PATIENCE).until(() -> table.count("known-") == 2);

            // A schema id this loader never looked up (the registry would hand it out for a later version).
            byte[] unseen = known.clone();
            unseen[4] = (byte) (unseen[4] + 1);
            producer.commit(List.of(SalesProducer.raw("k", unseen, 0)));
            LoaderStats stats = loader.bean(LoaderStats.class);
            await().atMost(PATIENCE).until(() -> stats.consecutiveFailures() >= 2);
            assertThat(stats.lastFailure()).contains("schema registry");
            assertThat(stats.deadLettered()).isZero();
        }
    }

}
