package io.tracktion.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.loader.deadletter.DeadLetters;
import io.tracktion.loader.releases.ReleasesListener;
import io.tracktion.loader.sales.SalesListener;
import io.tracktion.loader.status.LoaderStats;
import io.tracktion.loader.testing.Loader;
import io.tracktion.loader.testing.SaleTable;
import io.tracktion.loader.testing.Sales;
import io.tracktion.loader.testing.SalesProducer;
import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseLabel;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SingleObjectSerde;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole loader against a real Kafka broker and a real PostgreSQL, fed the way the transformer
 * feeds it (transactional producer, Confluent wire format through a real schema registry). The tests share one topic and one
 * table and run in order; each uses its own saleId prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LoaderServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();
    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    private String database;
    private SaleTable table;
    private SalesProducer producer;
    private Loader loader;

    @BeforeAll
    void startLoader() {
        database = POSTGRES.newMigratedDatabase();
        table = new SaleTable(POSTGRES.dataSource(database));
        producer = new SalesProducer(KAFKA);
        loader = Loader.start(KAFKA, POSTGRES, database);
    }

    @AfterAll
    void stopLoader() {
        // Before the extensions stop Kafka, or the loader's clients would retry against a dead broker.
        loader.close();
        producer.close();
    }

    @Test
    @Order(1)
    void reportsUpWhenDatabaseAndKafkaAreReachable() {
        Loader.Response health = loader.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).containsEntry("status", "UP");
        assertThat(health.component("jdbc")).containsEntry("status", "UP");
        assertThat(health.component("kafka")).containsEntry("status", "UP");
        assertThat(health.component("schemaRegistry")).containsEntry("status", "UP");
    }

    @Test
    @Order(2)
    void loadsEachDistinctSaleOnceWithEveryColumnExact() throws Exception {
        List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>(SalesProducer.records(Sales.many("dup", 100)));
        first.addAll(SalesProducer.records(Sales.many("dup", 10))); // duplicates in the same transaction
        producer.commit(first);
        producer.commit(SalesProducer.records(Sales.many("dup", 150).subList(50, 150))); // and across transactions
        producer.abort(List.of(SalesProducer.record(Sales.sale("dup-aborted"), 0)));
        producer.commit(List.of(SalesProducer.record(Sales.sale("dup-full"), 0), SalesProducer.record(Sales.bareSale("dup-bare"))));

        await().atMost(PATIENCE).until(() -> table.row("dup-full") != null && table.row("dup-bare") != null);
        await().atMost(PATIENCE).until(() -> table.count("dup-") == 152);

        List<String> expected = new ArrayList<>(IntStream.range(0, 150).mapToObj(i -> "dup-" + i).toList());
        expected.addAll(List.of("dup-full", "dup-bare"));
        assertThat(table.saleIds("dup-")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(table.row("dup-full")).containsExactlyEntriesOf(Sales.expectedRow("dup-full"));
        assertThat(table.row("dup-bare")).containsEntry("sold_at", "2025-06-15T00:00:00.000001")
                .containsEntry("amount_paid", "0.0000").containsEntry("list_price", null);
        assertThat(table.row("dup-aborted")).as("sent in an aborted transaction, before dup-full on its partition").isNull();
        // Once the group has settled: the consumers join one after another, each join a rebalance.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(salesPartitionsPerConsumer())
                .as("loader.sales-consumers, 3 by default, share the partitions").containsExactly(1, 1, 1));
    }

    private static List<Integer> salesPartitionsPerConsumer() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            return admin.describeConsumerGroups(List.of(SalesListener.GROUP_ID)).all().get(30, TimeUnit.SECONDS)
                    .get(SalesListener.GROUP_ID).members().stream()
                    .map(member -> member.assignment().topicPartitions().size()).toList();
        }
    }

    @Test
    @Order(3)
    void deadLettersWhatItCannotLoadAndCarriesOn() {
        byte[] garbage = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42};
        List<ProducerRecord<byte[], byte[]>> records = List.of(
                SalesProducer.record(Sales.sale("dlq-good-1"), 1),
                SalesProducer.raw("dlq-garbage", garbage, 1),
                SalesProducer.record(Sales.sale("dlq-good-2"), 1),
                SalesProducer.raw("dlq-tombstone", null, 1),
                SalesProducer.record(Sales.builder("dlq-not-json").setRawItemJson("{\"amount_paid\": ").build(), 1),
                SalesProducer.record(Sales.builder("dlq-nul").setTitle("nul\u0000title").build(), 1),
                SalesProducer.record(Sales.sale("dlq-good-3"), 1));
        List<RecordMetadata> sent = producer.commit(records);

        await().atMost(PATIENCE).until(() -> table.count("dlq-") == 3);
        assertThat(table.saleIds("dlq-")).containsExactly("dlq-good-1", "dlq-good-2", "dlq-good-3");

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            dead.clear();
            dead.addAll(deadLetters("dlq-"));
            return dead.size() >= 4;
        });
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("dlq-garbage", "dlq-tombstone", "dlq-not-json", "dlq-nul");
        assertDeadLetter(dead.get(0), records.get(1), sent.get(1), DeadLetters.STAGE_DECODE, "SerializationException");
        assertDeadLetter(dead.get(1), records.get(3), sent.get(3), DeadLetters.STAGE_DECODE, "no value");
        assertDeadLetter(dead.get(2), records.get(4), sent.get(4), DeadLetters.STAGE_INSERT, "json");
        assertDeadLetter(dead.get(3), records.get(5), sent.get(5), DeadLetters.STAGE_INSERT, "0x00");
    }

    @Test
    @Order(4)
    void replaysFromTheStartWithoutDuplicates() throws Exception {
        long rowsBefore = table.count("");
        loader.close();
        rewindLoaderGroupToTheStart();
        loader = Loader.start(KAFKA, POSTGRES, database);

        // One new sale per partition: once all three are in, every older record has been read again.
        producer.commit(IntStream.range(0, Topics.SALES.partitions())
                .mapToObj(p -> SalesProducer.record(Sales.sale("replay-" + p), p)).toList());
        await().atMost(PATIENCE).until(() -> table.count("replay-") == Topics.SALES.partitions());

        assertThat(table.count("")).isEqualTo(rowsBefore + Topics.SALES.partitions());
        LoaderStats stats = loader.bean(LoaderStats.class);
        assertThat(stats.salesInserted()).isEqualTo(Topics.SALES.partitions());
        assertThat(stats.salesAlreadyPresent()).as("every loaded sale was read again").isGreaterThanOrEqualTo(rowsBefore);
        Loader.Response status = loader.get("/loader/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).containsEntry("salesInTable", (int) (rowsBefore + Topics.SALES.partitions()))
                .containsEntry("salesInserted", Topics.SALES.partitions())
                .containsEntry("consecutiveFailures", 0)
                .containsEntry("latestSoldAt", "2025-06-15T12:34:56.123456Z");
    }

    @Test
    @Order(5)
    void survivesARestartMidStreamWithoutLossOrDuplicates() {
        int transactions = 30;
        int perTransaction = 100;
        List<String> all = IntStream.range(0, transactions * perTransaction).mapToObj(i -> "restart-" + i).toList();
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try (SalesProducer background = new SalesProducer(KAFKA)) {
                for (int t = 0; t < transactions; t++) {
                    background.commit(SalesProducer.records(
                            Sales.many("restart", all.size()).subList(t * perTransaction, (t + 1) * perTransaction)));
                }
            }
        });

        await().atMost(PATIENCE).until(() -> table.count("restart-") >= perTransaction);
        loader.close();
        loader = Loader.start(KAFKA, POSTGRES, database);
        producing.join();

        await().atMost(PATIENCE).until(() -> table.count("restart-") == all.size());
        assertThat(table.saleIds("restart-")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(deadLetters("restart-")).isEmpty();
    }

    @Test
    @Order(6)
    void waitsOutADatabaseOutageWithoutSkippingAnything() throws Exception {
        LoaderStats stats = loader.bean(LoaderStats.class);
        // An hour after the earlier tests' sales of the same page and artist, which the loader remembers.
        List<Sale> sales = Sales.many("outage", 6_000).stream()
                .map(sale -> Sale.newBuilder(sale).setSoldAt(sale.getSoldAt().plusSeconds(3_600)).build())
                .toList();
        BigDecimal expectedUsd = sales.stream().map(Sale::getAmountPaidUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        // A load in flight when PostgreSQL goes: its first transaction before, the rest during the 30 s outage.
        producer.commit(SalesProducer.records(sales.subList(0, 1_000)));
        // As if the outage took the release spans back (a restore): the loader remembers the page and artist of
        // these sales, with an earlier first sale, and must forget it when its batches fail or its partitions are
        // assigned again (here both happen; either is enough), or never write it again.
        POSTGRES.execute(database, "DELETE FROM release_sale_span");
        POSTGRES.takeDown(database);
        Instant down = Instant.now();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Loader.Response health = loader.get("/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.component("jdbc")).containsEntry("status", "DOWN");
                assertThat(health.component("kafka")).containsEntry("status", "UP");
            });
            for (int t = 1; t < 6; t++) {
                producer.commit(SalesProducer.records(sales.subList(t * 1_000, (t + 1) * 1_000)));
            }
            // Degraded for as long as PostgreSQL stays away: 30 s from its going.
            Duration stillDown = Duration.ofSeconds(30).minus(Duration.between(down, Instant.now()));
            if (!stillDown.isNegative()) {
                await().during(stillDown).atMost(stillDown.plusSeconds(10)).pollInterval(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertThat(loader.get("/health").status()).isEqualTo(503));
            }
            assertThat(stats.consecutiveFailures()).isGreaterThanOrEqualTo(2);
        } finally {
            POSTGRES.bringUp(database);
        }

        await().atMost(PATIENCE).until(() -> table.count("outage-") == sales.size());
        assertThat(single(POSTGRES.dataSource(database), "SELECT count(*) FROM release_sale_span"))
                .as("the outage sales' release span, written again after the outage").isEqualTo("1");
        assertThat(table.saleIds("outage-")).containsExactlyInAnyOrderElementsOf(sales.stream().map(Sale::getSaleId).toList());
        assertThat(new BigDecimal(single(POSTGRES.dataSource(database),
                "SELECT sum(amount_paid_usd) FROM sale WHERE sale_id LIKE 'outage-%'"))).isEqualByComparingTo(expectedUsd);
        await().atMost(PATIENCE).until(() -> loader.get("/health").status() == 200);
        assertThat(stats.consecutiveFailures()).isZero();
        assertThat(stats.lastFailure()).isNotBlank();
        assertThat(deadLetters("outage-")).isEmpty();
    }

    @Test
    @Order(7)
    void loadsSalesWrittenBeforeTheRegistryBesideNewOnes() {
        Sale old = Sales.sale("encoding-old");
        producer.commit(List.of(
                SalesProducer.raw(old.getSaleId(), SingleObjectSerde.sale().encode(old), 0),
                SalesProducer.record(Sales.sale("encoding-new"), 0)));

        await().atMost(PATIENCE).until(() -> table.count("encoding-") == 2);
        assertThat(table.row("encoding-old")).containsExactlyEntriesOf(Sales.expectedRow("encoding-old"));
        assertThat(deadLetters("encoding-")).isEmpty();
    }

    @Test
    @Order(8)
    void storesReleasesArtistsLabelsAndTagsAndLinksTheirSales() throws Exception {
        String url = "https://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay";
        producer.commit(List.of(SalesProducer.record(Sales.builder("release-1")
                .setUrl("http://VelvetOrrery.bandcamp.com/album/lanterns-over-kessel-bay/").build())));
        Instant seen = Instant.parse("2026-12-01T10:00:00Z");
        Release pending = Release.newBuilder().setUrl(url).setId(EntityIds.release(url)).setStatus("pending")
                .setFirstSeenAt(seen).setTracks(List.of()).setFormats(List.of()).build();
        Release known = Release.newBuilder(pending).setStatus("known").setFetchedAt(seen.plusSeconds(5))
                .setHttpStatus(200).setSource("json-ld").setKind("album").setTitle("Lanterns Over Kessel Bay")
                .setArtist(new ReleaseArtist(EntityIds.artist("https://velvetorrery.bandcamp.com"), "Velvet Orrery",
                        "https://velvetorrery.bandcamp.com", null, "Hamburg"))
                .setLabel(new ReleaseLabel(EntityIds.label("https://harbourlight.bandcamp.com"), "Harbour Light",
                        "https://harbourlight.bandcamp.com", 338L, "Hamburg, Germany"))
                .setGenre("electronic").setTags(List.of("ambient", "dub techno")).setLocation("Hamburg")
                .setCountryCode("DE").setReleaseDate(java.time.LocalDate.of(2025, 3, 14)).setTrackCount(3).build();
        RegistryAvroSerde<Release> serde = RegistryAvroSerde.release(SchemaRegistry.shared());
        String topic = Topics.RELEASES.name();
        producer.commit(List.of(
                new ProducerRecord<>(topic, url.getBytes(StandardCharsets.UTF_8), serde.serialize(topic, pending)),
                new ProducerRecord<>(topic, url.getBytes(StandardCharsets.UTF_8), serde.serialize(topic, known))));

        DataSource db = POSTGRES.dataSource(database);
        await().atMost(PATIENCE).until(() -> "known".equals(single(db, "SELECT status FROM release WHERE url = '" + url + "'")));
        assertThat(single(db, "SELECT release_url FROM sale WHERE sale_id = 'release-1'")).isEqualTo(url);
        assertThat(single(db, """
                SELECT r.release_id || '|' || r.kind || '|' || r.title || '|' || a.name || '|' || l.name || '|'
                       || r.genre || '|' || r.country_code || '|' || r.release_date || '|' || r.track_count
                FROM release r JOIN artist a USING (artist_id) JOIN label l USING (label_id)"""))
                .isEqualTo(EntityIds.release(url) + "|album|Lanterns Over Kessel Bay|Velvet Orrery|Harbour Light"
                        + "|electronic|DE|2025-03-14|3");
        assertThat(single(db, "SELECT string_agg(rt.tag || ':' || t.class, ',' ORDER BY rt.position) "
                + "FROM release_tag rt JOIN tag t ON t.name = rt.tag"))
                .isEqualTo("electronic:genre,ambient:descriptive,dub techno:descriptive,hamburg:location");

        // A replay of the same records changes nothing, and a pending record arriving late does not undo the fetch.
        producer.commit(List.of(
                new ProducerRecord<>(topic, url.getBytes(StandardCharsets.UTF_8), serde.serialize(topic, known)),
                new ProducerRecord<>(topic, url.getBytes(StandardCharsets.UTF_8), serde.serialize(topic, pending))));
        awaitReleasesLoaderCaughtUp();
        assertThat(single(db, "SELECT status || '|' || genre FROM release")).isEqualTo("known|electronic");
        assertThat(single(db, "SELECT count(*) FROM release_tag")).isEqualTo("4");
        assertThat(single(db, "SELECT count(*) FROM release")).isEqualTo("1");
    }

    @Test
    @Order(9)
    void storesTheFeedsWindowsAndGapsAndAClosedGapStaysClosed() throws Exception {
        String feed = "https://bandcamp.com";
        FeedWindowReceived window = FeedWindowReceived.newBuilder().setFeedBaseUrl(feed).setRequestedStart(1_750_000_000L)
                .setStartDate(1_750_000_300L).setEndDate(1_750_000_900L).setServerTime(1_750_001_000L)
                .setReceivedAt(Instant.parse("2025-06-15T15:16:41Z")).setEvents(5).setOtherEvents(1).setItems(6)
                .setUnreadableEvents(1).setBackfill(false).build();
        FeedGap open = new FeedGap(feed, 1_750_000_000L, 1_750_000_300L, Instant.parse("2025-06-15T15:16:41Z"),
                "window-started-late", false, null);
        FeedGap closed = FeedGap.newBuilder(open).setClosed(true).setClosedAt(Instant.parse("2025-06-15T15:17:41Z")).build();
        RegistryAvroSerde<FeedWindowReceived> windows = RegistryAvroSerde.feedWindowReceived(SchemaRegistry.shared());
        RegistryAvroSerde<FeedGap> gaps = RegistryAvroSerde.feedGap(SchemaRegistry.shared());
        String windowTopic = Topics.FEED_WINDOWS.name();
        String gapTopic = Topics.FEED_GAPS.name();
        byte[] gapKey = (feed + "@1750000000-1750000300").getBytes(StandardCharsets.UTF_8);
        producer.commit(List.of(
                new ProducerRecord<>(windowTopic, (feed + "@1750000300").getBytes(StandardCharsets.UTF_8),
                        windows.serialize(windowTopic, window)),
                new ProducerRecord<>(gapTopic, gapKey, gaps.serialize(gapTopic, open)),
                new ProducerRecord<>(gapTopic, gapKey, gaps.serialize(gapTopic, closed)),
                // A replayed opening after the closing does not reopen it.
                new ProducerRecord<>(gapTopic, gapKey, gaps.serialize(gapTopic, open))));

        DataSource db = POSTGRES.dataSource(database);
        await().atMost(PATIENCE).until(() -> "1".equals(single(db, "SELECT count(*) FROM feed_window"))
                && "1".equals(single(db, "SELECT count(*) FROM feed_gap")));
        await().atMost(PATIENCE).until(() -> "true".equals(single(db, "SELECT closed::text FROM feed_gap")));
        assertThat(single(db, """
                SELECT extract(epoch FROM start_date)::bigint || '|' || extract(epoch FROM end_date)::bigint || '|'
                       || extract(epoch FROM requested_start)::bigint || '|' || items || '|' || unreadable_events
                       || '|' || backfill FROM feed_window"""))
                .isEqualTo("1750000300|1750000900|1750000000|6|1|false");
        assertThat(single(db, "SELECT extract(epoch FROM closed_at)::bigint FROM feed_gap"))
                .isEqualTo(String.valueOf(Instant.parse("2025-06-15T15:17:41Z").getEpochSecond()));
    }

    private static String single(DataSource db, String sql) throws java.sql.SQLException {
        try (var connection = db.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String keyPrefix) {
        return KAFKA.readAll(Topics.SALES_DEAD_LETTER.name(), Duration.ofMillis(500), Duration.ofSeconds(10)).stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(keyPrefix))
                .toList();
    }

    private static void assertDeadLetter(ConsumerRecord<byte[], byte[]> dead, ProducerRecord<byte[], byte[]> original,
                                         RecordMetadata source, String stage, String errorContains) {
        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(header(dead, DeadLetterHeaders.STAGE)).isEqualTo(stage);
        assertThat(header(dead, DeadLetterHeaders.ERROR)).containsIgnoringCase(errorContains);
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.SALES.name());
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo(String.valueOf(source.partition()));
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(String.valueOf(source.offset()));
        assertThat(Instant.parse(header(dead, DeadLetterHeaders.FAILED_AT))).isBefore(Instant.now().plusSeconds(1));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** What an operator does to replay: with the loader stopped, move its group back to offset 0. */
    /** Until the loader has committed offsets past every record in bandcamp.releases (it commits after writing). */
    private static void awaitReleasesLoaderCaughtUp() {
        await().atMost(PATIENCE).until(() -> {
            try (Admin admin = KAFKA.admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(ReleasesListener.GROUP_ID).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = IntStream
                        .range(0, Topics.RELEASES.partitions()).boxed().collect(Collectors.toMap(
                                p -> new TopicPartition(Topics.RELEASES.name(), p),
                                p -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() >= end.getValue().offset()));
            }
        });
    }

    private void rewindLoaderGroupToTheStart() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = IntStream.range(0, Topics.SALES.partitions()).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.SALES.name(), p), p -> new OffsetAndMetadata(0)));
        try (Admin admin = KAFKA.admin()) {
            admin.alterConsumerGroupOffsets(SalesListener.GROUP_ID, start).all().get(30, TimeUnit.SECONDS);
        }
        // The offsets that count are the ones stored with the rows.
        try (var c = POSTGRES.dataSource(database).getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE consumer_offset SET next_offset = 0 WHERE consumer = '" + SalesListener.GROUP_ID + "'");
        }
    }
}
