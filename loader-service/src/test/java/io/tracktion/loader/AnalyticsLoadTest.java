package io.tracktion.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.loader.analytics.AnalyticsListener;
import io.tracktion.loader.analytics.MinuteRollupRetention;
import io.tracktion.loader.testing.Loader;
import io.tracktion.schemas.CountryTotals;
import io.tracktion.schemas.CurrencyAmount;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.Topics;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.schemas.TrendingEntry;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transformer's results into the rollup, signal and chart tables, exactly once, the latest state winning. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AnalyticsLoadTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    private static final Instant HOUR = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void keepsEachWindowsAndChartsLatestRecordAndEachSignalOnce() throws Exception {
        String database = POSTGRES.newMigratedDatabase();
        send(List.of(
                window(Topics.STATS_HOUR_NAME, "artist", "a1", 1, "1.5000", false, 1),
                window(Topics.STATS_HOUR_NAME, "artist", "a2", 4, "20.0000", false, 1),
                window(Topics.STATS_HOUR_NAME, "artist", "a1", 3, "7.2500", true, 2), // the same window, later
                window(Topics.STATS_DAY_NAME, "artist", "a1", 3, "7.2500", false, 1),
                window(Topics.STATS_MINUTE_NAME, "artist", "a1", 3, "7.2500", true, 1),
                signal("sig1", "milestone", "10.0000"),
                signal("sig1", "milestone", "10.0000"), // the same signal again (a replay)
                chart(List.of(entry(1, null, "a2", 4), entry(2, null, "a1", 1))),
                chart(List.of(entry(1, 2, "a1", 9)))));

        try (Loader loader = Loader.start(KAFKA, POSTGRES, database)) {
            // Every topic written to has its offset stored: all of it is in.
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(database,
                    "SELECT count(DISTINCT topic) FROM consumer_offset WHERE consumer = '" + AnalyticsListener.GROUP_ID
                            + "'").equals(List.of("5")));

            assertThat(rows(database, """
                    SELECT entity_id || ' ' || units || ' ' || revenue_usd || ' ' || final || ' ' || version || ' '
                           || revenue_by_currency::text FROM stats_hour ORDER BY entity_id"""))
                    .containsExactly("a1 3 7.2500 true 2 {\"EUR\": \"6.5000\"}", "a2 4 20.0000 false 1 {\"EUR\": \"6.5000\"}");
            assertThat(rows(database, "SELECT entity_id || ' ' || units FROM stats_day")).containsExactly("a1 3");
            assertThat(rows(database, "SELECT entity_id || ' ' || by_country::text FROM stats_hour ORDER BY entity_id"))
                    .containsExactly("a1 {\"DE\": {\"carts\": 3, \"units\": 3, \"revenue_usd\": \"7.2500\"}}",
                            "a2 {\"DE\": {\"carts\": 4, \"units\": 4, \"revenue_usd\": \"20.0000\"}}");
            assertThat(rows(database, "SELECT id || ' ' || kind || ' ' || threshold FROM signal"))
                    .containsExactly("sig1 milestone 10.0000");
            assertThat(rows(database, """
                    SELECT rank || ' ' || coalesce(previous_rank::text, '-') || ' ' || entity_id || ' ' || units
                    FROM trending_entry ORDER BY rank""")).containsExactly("1 2 a1 9");

            MinuteRollupRetention retention = loader.bean(MinuteRollupRetention.class);
            assertThat(retention.deleteBefore(HOUR)).isZero();
            assertThat(retention.deleteBefore(HOUR.plusSeconds(1))).isEqualTo(1);
            assertThat(rows(database, "SELECT count(*) FROM stats_minute")).containsExactly("0");
            assertThat(rows(database, "SELECT rollup || ' ' || (deleted_before = '" + HOUR.plusSeconds(1)
                    + "') FROM rollup_retention")).containsExactly("stats_minute true");
            assertThat(rows(database, "SELECT count(*) FROM stats_hour")).containsExactly("2");
        }
    }

    private static ProducerRecord<byte[], byte[]> window(String topic, String dimension, String id, long units,
                                                         String usd, boolean last, long version) {
        StatsWindow window = StatsWindow.newBuilder()
                .setDimension(dimension).setEntityId(id).setEntityName("Artist " + id).setInterval(
                        topic.substring(topic.lastIndexOf('.') + 1))
                .setWindowStart(HOUR).setWindowEnd(HOUR.plusSeconds(3600))
                .setUnits(units).setRevenueUsd(new BigDecimal(usd))
                .setRevenueByCurrency(List.of(new CurrencyAmount("EUR", new BigDecimal("6.5000"))))
                .setCarts(units).setByCountry(List.of(new CountryTotals("DE", units, new BigDecimal(usd), units)))
                .setPayWhatYouWantUnits(0).setOverpayUsd(new BigDecimal("0.0000"))
                .setFinal$(last).setVersion(version).setLastSaleAt(HOUR.plusSeconds(60))
                .build();
        String key = dimension + "|" + id + "|" + HOUR;
        return new ProducerRecord<>(topic, bytes(key), RegistryAvroSerde.statsWindow(SchemaRegistry.shared())
                .serialize(topic, window));
    }

    private static ProducerRecord<byte[], byte[]> signal(String id, String kind, String threshold) {
        Signal signal = Signal.newBuilder().setId(id).setKind(kind).setDimension("artist").setEntityId("a1")
                .setEntityName("Artist a1").setAt(HOUR).setObserved(new BigDecimal("10.0000"))
                .setThreshold(new BigDecimal(threshold)).setMetric("units").build();
        return new ProducerRecord<>(Topics.SIGNALS_NAME, bytes(id),
                RegistryAvroSerde.signal(SchemaRegistry.shared()).serialize(Topics.SIGNALS_NAME, signal));
    }

    private static ProducerRecord<byte[], byte[]> chart(List<TrendingEntry> entries) {
        TrendingChart chart = TrendingChart.newBuilder().setDimension("artist").setWindow("1h").setScope("store")
                .setAsOf(HOUR).setPeriodStart(HOUR.minusSeconds(3600)).setEntries(entries).build();
        return new ProducerRecord<>(Topics.TRENDING_NAME, bytes("artist|1h|store"),
                RegistryAvroSerde.trendingChart(SchemaRegistry.shared()).serialize(Topics.TRENDING_NAME, chart));
    }

    private static TrendingEntry entry(int rank, Integer previous, String id, long units) {
        return TrendingEntry.newBuilder().setRank(rank).setPreviousRank(previous).setEntityId(id)
                .setEntityName("Artist " + id).setUnits(units).setRevenueUsd(new BigDecimal("1.0000")).build();
    }

    private static void send(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-analytics-" + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> rows(String database, String sql) {
        List<String> found = new ArrayList<>();
        try (var c = POSTGRES.dataSource(database).getConnection(); var s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return found;
    }
}
