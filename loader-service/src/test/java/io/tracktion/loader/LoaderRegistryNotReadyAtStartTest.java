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
 * The loader started before its schema registry was ready: it loads nothing, dead-letters nothing, says why in
 * /health, and loads everything once the registry is there. (A class of its own: the outage test leaves a record
 * on the topic that only that test's registry could place.)
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoaderRegistryNotReadyAtStartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    @Test
    void loadsNothingBeforeTheRegistryHasBeenReadyAndEverythingAfter() throws Exception {
        String database = POSTGRES.newMigratedDatabase();
        SaleTable table = new SaleTable(POSTGRES.dataSource(database));
        int port = LocalRegistry.freePort();
        byte[] value;
        try (LocalRegistry elsewhere = LocalRegistry.start()) { // the transformer's view, ids in order
            SchemaRegistryConfig config = new SchemaRegistryConfig(elsewhere.url());
            new SchemaRegistrar(config.confluentApi()).registerAll();
            value = RegistryAvroSerde.sale(config).serialize(Topics.SALES.name(), Sales.sale("late-1"));
        }

        try (SalesProducer producer = new SalesProducer(KAFKA);
             Loader loader = Loader.start(KAFKA, POSTGRES, database, "http://127.0.0.1:" + port)) {
            producer.commit(List.of(SalesProducer.raw("k", value, 0)));
            LoaderStats stats = loader.bean(LoaderStats.class);
            await().atMost(PATIENCE).until(() -> stats.consecutiveFailures() >= 2);
            assertThat(stats.lastFailure()).contains("has not been ready");
            Loader.Response health = loader.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.component("schemaRegistry")).containsEntry("status", "DOWN");

            try (LocalRegistry registry = LocalRegistry.startOn(port)) {
                new SchemaRegistrar(new SchemaRegistryConfig(registry.url()).confluentApi()).registerAll();
                await().atMost(PATIENCE).until(() -> table.count("late-") == 1);
                assertThat(stats.deadLettered()).isZero();
            }
        }
    }
}
