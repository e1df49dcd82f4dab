package io.tracktion.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.e2e.ApiClient.Summary;
import io.tracktion.e2e.SalesTables.Sums;
import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.schemas.Topics;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tracktion.simulator.BandcampSimulator;
import io.tracktion.simulator.catalog.Artist;
import io.tracktion.simulator.pages.PageStyle;
import io.tracktion.simulator.ManualClock;
import io.tracktion.simulator.SimClock;
import io.tracktion.simulator.faults.Corruption;
import io.tracktion.simulator.feed.Ledger;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.stream.Collectors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole spine on real parts: the Bandcamp simulator (in this JVM, on a manual clock) → ingestor →
 * Kafka → transformer → loader → PostgreSQL → API gateway, and transformer → alerts-service → SMTP (GreenMail, in
 * this JVM), each service its own process started from its packaged jar. After every step the API must report exactly what the simulator served: the simulator's
 * ledger is the ground truth. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class SalesPipelineEndToEndTest {

    @RegisterExtension
    static final KafkaCluster kafka = new KafkaCluster();

    @RegisterExtension
    static final Postgres postgres = new Postgres();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-02T12:00:30Z");
    private static final Duration SETTLE = Duration.ofMinutes(2);
    /** Several of the ingestor's 1 s polls: a cursor unmoved this long means it has caught up. */
    private static final Duration CURSOR_AT_REST = Duration.ofSeconds(4);

    @TempDir
    static Path workDir;

    private final ManualClock clock = SimClock.manual(START);
    /** The SMTP server the alerts go to. */
    private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private String database;
    private Map<String, String> infrastructure;
    private BandcampSimulator simulator;
    private RunningSystem system;
    private ApiClient api;

    @BeforeAll
    void startTheSystem() throws Exception {
        simulator = BandcampSimulator.builder().seed(2026).salesPerMinute(20).clock(clock).build().start();
        mail.start();
        database = postgres.newDatabase();
        infrastructure = Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                Map.entry("DB_HOST", "localhost"),
                Map.entry("DB_PORT", String.valueOf(postgres.port())),
                Map.entry("DB_NAME", database),
                Map.entry("DB_USER", Postgres.USER),
                Map.entry("DB_PASSWORD", Postgres.PASSWORD),
                // The simulated sales are of March 2026: older than the default week of minute rollups.
                Map.entry("LOADER_MINUTE_ROLLUP_RETENTION", "3650d"),
                Map.entry("BANDCAMP_BASE_URL", simulator.baseUrl()),
                Map.entry("BANDCAMP_POLL_INTERVAL", "1s"),
                Map.entry("BANDCAMP_PAGES_URL", simulator.baseUrl() + "/_pages"),
                Map.entry("BANDCAMP_REQUESTS_PER_SECOND", "50"),
                Map.entry("SCHEMA_REGISTRY_URL", SchemaRegistry.url()),
                Map.entry("SMTP_HOST", "127.0.0.1"),
                Map.entry("SMTP_PORT", String.valueOf(mail.getSmtp().getPort())),
                // A store-wide subscription to every sale: as many messages as the pipeline makes, none held.
                Map.entry("ALERTS_MAX_PER_HOUR", "10000"));
        system = RunningSystem.start(workDir, infrastructure);
        api = system.api();
        // The first poll (get_initial) must see the clock at START: the ingestor reports healthy as soon as the
        // registry and Kafka are there, which can be before that poll, and the first test moves the clock on.
        await().atMost(Duration.ofSeconds(60)).until(() -> system.feedStatus().path("cursorEndDate").isNumber());
    }

    @AfterAll
    void stopTheSystem() {
        if (system != null) {
            system.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        mail.stop();
    }

    @Test
    @Order(1)
    void loadsExactlyWhatTheSimulatorServed() {
        clock.advance(Duration.ofMinutes(25)); // the initial window, then two more and a part: catch-up
        awaitApiMatchesLedger();

        Ledger ledger = simulator.ledger();
        assertTrue(ledger.items() > 300, "a meaningful amount of sales: " + ledger.items());
        List<JsonNode> sales = api.allSales();
        assertEquals(ledger.items(), sales.size());
        assertEquals(ledger.items(), sales.stream().map(s -> s.get("saleId").asText()).distinct().count());
        BigDecimal usd = sales.stream().map(s -> s.get("amountPaidUsd").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, ledger.usdTotal().compareTo(usd), "USD " + usd + " vs served " + ledger.usdTotal());
    }

    @Test
    @Order(2)
    void overlappingAndRepeatedWindowsAddNoDuplicates() {
        int rawBefore = kafka.readAll(Topics.RAW_SALES.name(), Duration.ofSeconds(2), SETTLE).size();
        simulator.faults().rewind(1, Duration.ofSeconds(300)).rewind(1, Duration.ofSeconds(600));
        clock.advance(Duration.ofMinutes(10));
        await().atMost(SETTLE).until(() -> simulator.faults().pending().isEmpty());
        clock.advance(Duration.ofMinutes(10));
        awaitApiMatchesLedger();

        List<ConsumerRecord<byte[], byte[]>> raw = kafka.readAll(Topics.RAW_SALES.name(), Duration.ofSeconds(2), SETTLE);
        long distinctRaw = raw.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct().count();
        assertTrue(raw.size() - distinctRaw > 0, "the feed really served some sales twice");
        assertTrue(raw.size() > rawBefore);
        assertNoDuplicateKeys(Topics.SALES.name());
        assertEquals(simulator.ledger().items(), api.allSales().size());
    }

    @Test
    @Order(3)
    void ingestorKilledMidRunLosesAndDoublesNothing() {
        long servedBefore = simulator.ledger().items();
        simulator.faults().slow(40, Duration.ofMillis(300)); // a long catch-up, so the kill lands in the middle of it
        clock.advance(Duration.ofHours(3));
        await().atMost(SETTLE).until(() -> simulator.ledger().items() > servedBefore + 200);
        system.killIngestor();
        system.restartIngestor();
        simulator.faults().clear();
        awaitApiMatchesLedger();
        assertNoDuplicateKeys(Topics.SALES.name());
    }

    @Test
    @Order(4)
    void malformedItemGoesToTheDeadLetterTopicAndTheRestIsLoaded() {
        simulator.faults().corruptItem(1, Corruption.AMOUNT_NOT_A_NUMBER);
        clock.advance(Duration.ofMinutes(10));
        awaitApiMatchesLedger();

        assertEquals(1, simulator.ledger().corruptedItems().size());
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(Topics.SALES_DEAD_LETTER.name(), Duration.ofSeconds(3), SETTLE);
        assertEquals(1, dead.size(), "exactly the corrupted item is dead-lettered");
        String stage = new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.STAGE).value(), StandardCharsets.UTF_8);
        assertTrue(stage.startsWith("transformer-streams"), stage);
        assertTrue(new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.ERROR).value(), StandardCharsets.UTF_8)
                .contains("amount"), "the error says what was wrong");
    }

    @Test
    @Order(5)
    void everySaleIsInTheConfluentWireFormatWithAnIdTheRegistryResolves() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(Topics.SALES.name(), Duration.ofSeconds(2), SETTLE);
        assertEquals(simulator.ledger().items(), records.size());
        Set<Integer> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertEquals(0, record.value()[0], "magic byte");
            ids.add(ByteBuffer.wrap(record.value(), 1, 4).getInt());
        }
        assertEquals(1, ids.size(), "one writer schema: " + ids);
        URI schema = URI.create(SchemaRegistry.shared().confluentApi() + "/schemas/ids/" + ids.iterator().next());
        JsonNode found = new ApiClient(schema).get(schema.getPath());
        assertEquals("Sale", JSON.readTree(found.get("schema").asText()).get("name").asText());
    }

    @Test
    @Order(6)
    void aJavaScriptConsumerDecodesEveryRecordToWhatTheApiServes() throws Exception {
        Map<String, JsonNode> served = new HashMap<>();
        api.allSales().forEach(sale -> served.put(sale.get("saleId").asText(), sale));
        assertEquals(simulator.ledger().items(), served.size());

        JavaScriptConsumer.Output output = JavaScriptConsumer.readSales(kafka.bootstrapServers(),
                SchemaRegistry.shared().confluentApi(), served.size(), Duration.ofSeconds(90));
        List<JsonNode> decoded = output.sales();

        assertEquals(served.size(), decoded.size(), () -> "sales the JavaScript consumer decoded; its log: " + output.log());
        assertEquals(served.keySet(), decoded.stream().map(s -> s.get("saleId").asText()).collect(Collectors.toSet()));
        for (JsonNode js : decoded) {
            JsonNode api = served.get(js.get("saleId").asText());
            String what = "sale " + js.get("saleId").asText();
            assertEquals(Instant.parse(api.get("soldAt").asText()), Instant.parse(js.get("soldAt").asText()), what);
            assertEquals(api.get("artist").asText(), js.get("artist").asText(), what);
            assertEquals(api.get("title").asText(), js.get("title").asText(), what);
            assertTrue(api.get("itemType").asText().equalsIgnoreCase(js.get("itemType").asText()), what);
            assertEquals(api.get("currency").asText(), js.get("currency").asText(), what);
            assertEquals(0, api.get("amountPaid").decimalValue().compareTo(new BigDecimal(js.get("amountPaid").asText())), what);
            assertEquals(0, api.get("amountPaidUsd").decimalValue().compareTo(new BigDecimal(js.get("amountPaidUsd").asText())),
                    what);
            assertEquals(api.get("countryCode").asText("").toUpperCase(java.util.Locale.ROOT),
                    js.get("countryCode").asText("").toUpperCase(java.util.Locale.ROOT), what);
        }
    }

    @Test
    @Order(7)
    void everyReleaseSoldIsShownWithItsGenreTagsLabelAndLocation() {
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (JsonNode sale : api.allSales()) {
                assertTrue(!sale.path("releaseId").isTextual() || !"pending".equals(
                        api.get("/api/v1/releases/" + sale.get("releaseId").asText()).path("status").asText()),
                        () -> "release of sale " + sale + " not read yet");
            }
        });
        int checked = 0;
        Set<String> seen = new HashSet<>();
        for (JsonNode sale : api.allSales()) {
            if (!sale.path("releaseId").isTextual() || !seen.add(sale.get("releaseId").asText())) {
                continue;
            }
            JsonNode release = api.get("/api/v1/releases/" + sale.get("releaseId").asText());
            String what = "release " + release.path("url").asText();
            assertEquals("known", release.path("status").asText(), what);
            assertEquals(release, api.get("/api/v1/releases?url=" + java.net.URLEncoder.encode(sale.get("url").asText(),
                    java.nio.charset.StandardCharsets.UTF_8)).get("items").get(0), what);
            Artist artist = simulator.catalog().artistAt(java.net.URI.create(release.get("url").asText()).getHost())
                    .orElseThrow();
            assertEquals(artist.rootUrl(), release.path("artist").path("url").asText(), what);
            assertEquals(artist.name(), release.path("artist").path("name").asText(), what);
            if (!"merch".equals(release.path("kind").asText())) {
                assertEquals(artist.genre().displayName().toLowerCase(java.util.Locale.ROOT), release.path("genre").asText(), what);
                assertTrue(release.path("location").isTextual(), what);
                assertEquals(release.path("genre"), sale.path("genre"), "sale " + sale.get("saleId"));
                assertEquals(release.path("tags"), sale.path("tags"), "sale " + sale.get("saleId"));
                boolean labelShown = PageStyle.of(artist) != PageStyle.NO_JSON_LD && artist.label() != null;
                assertEquals(labelShown ? artist.label().rootUrl() : null,
                        release.path("label").isNull() ? null : release.path("label").path("url").asText(), what);
            }
            checked++;
        }
        assertTrue(checked > 10, "releases checked: " + checked);
    }

    @Test
    @Order(8)
    void everyServiceAnswersMetricsInThePrometheusFormat() throws Exception {
        Map<String, String[]> metrics = system.metrics();
        for (var service : metrics.entrySet()) {
            String what = service.getKey() + " /metrics";
            assertEquals("200", service.getValue()[0], what);
            assertTrue(service.getValue()[1].startsWith("text/plain; version=0.0.4"), what + ": " + service.getValue()[1]);
            assertTrue(service.getValue()[2].contains("# TYPE jvm_memory_used_bytes gauge"), what);
        }
        String ingestor = metrics.get("ingestor-service")[2];
        for (String meter : List.of("tracktion_feed_lag_seconds", "tracktion_feed_windows_total",
                "tracktion_feed_items_total", "tracktion_feed_gaps_total", "tracktion_release_fetches_total{outcome=\"known\"}",
                "tracktion_release_cache_hits_total", "tracktion_bandcamp_rate_limited_total",
                "tracktion_feed_dead_letters_total")) {
            assertTrue(ingestor.contains(meter), "ingestor /metrics has " + meter);
        }
        assertTrue(metrics.get("loader-service")[2].contains("kafka_consumer"), "loader /metrics has consumer metrics");
    }

    @Test
    @Order(9)
    void theAnalyticsTopicsHoldEverySaleEnrichedSummedChartedAndSignalled() throws Exception {
        long items = simulator.ledger().items();
        var registry = SchemaRegistry.shared();
        RegistryAvroSerde<EnrichedSale> enriched = RegistryAvroSerde.enrichedSale(registry);
        RegistryAvroSerde<StatsWindow> stats = RegistryAvroSerde.statsWindow(registry);
        RegistryAvroSerde<Signal> signals = RegistryAvroSerde.signal(registry);
        RegistryAvroSerde<TrendingChart> charts = RegistryAvroSerde.trendingChart(registry);

        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> saleIds = kafka.readAll(Topics.SALES_ENRICHED.name(), Duration.ofSeconds(2), SETTLE).stream()
                    .map(r -> enriched.deserialize(r.topic(), r.value()).getSale().getSaleId()).collect(Collectors.toSet());
            assertEquals(items, saleIds.size(), "every sale enriched");
            // The latest record of each store-wide day window: together they count every item.
            Map<String, StatsWindow> days = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(Topics.STATS_DAY.name(), Duration.ofSeconds(2), SETTLE)) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                StatsWindow window = stats.deserialize(r.topic(), r.value());
                if (key.startsWith("store|all|")
                        && (!days.containsKey(key) || days.get(key).getVersion() < window.getVersion())) {
                    days.put(key, window);
                }
            }
            assertEquals(items, days.values().stream().mapToLong(StatsWindow::getUnits).sum(), "store-wide day units");
        });

        List<Signal> written = kafka.readAll(Topics.SIGNALS.name(), Duration.ofSeconds(2), SETTLE).stream()
                .map(r -> signals.deserialize(r.topic(), r.value())).toList();
        assertTrue(written.stream().anyMatch(s -> s.getKind().equals("first_sale") && s.getDimension().equals("artist")),
                "first sales signalled");
        Map<String, List<Signal>> byId = written.stream().collect(Collectors.groupingBy(Signal::getId));
        assertEquals(List.of(), byId.values().stream().filter(same -> same.size() > 1).toList(), "each signal once");
        assertTrue(kafka.readAll(Topics.TRENDING.name(), Duration.ofSeconds(2), SETTLE).stream()
                .map(r -> charts.deserialize(r.topic(), r.value()))
                .anyMatch(c -> c.getDimension().equals("artist") && c.getWindow().equals("24h") && !c.getEntries().isEmpty()),
                "an artist chart over 24 hours");

        // A foreign client reads each of the new topics through the registry.
        Map<String, String> fieldOf = Map.of(Topics.SALES_ENRICHED.name(), "attribution", Topics.STATS_MINUTE.name(),
                "revenueUsd", Topics.SIGNALS.name(), "kind", Topics.TRENDING.name(), "entries");
        for (var topic : fieldOf.entrySet()) {
            JavaScriptConsumer.Output output = JavaScriptConsumer.readRecords(kafka.bootstrapServers(),
                    registry.confluentApi(), topic.getKey(), 1, Duration.ofSeconds(60));
            assertEquals(1, output.sales().size(), () -> topic.getKey() + ": " + output.log());
            assertTrue(output.sales().get(0).get("value").has(topic.getValue()), () -> topic.getKey() + ": " + output.sales());
        }
    }

    @Test
    @Order(10)
    void everyTopListAndTheTimeseriesAgreeWithTheSaleTable() {
        SalesTables tables = new SalesTables(postgres.dataSource(database));
        await().atMost(SETTLE).until(() -> tables.salesOfUnknownReleases() == 0);
        Instant[] sold = tables.soldBetween();
        Instant firstDay = sold[0].truncatedTo(ChronoUnit.DAYS);
        Instant afterLastDay = sold[1].truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        // Whole UTC days: one rollup window per entity, so the distinct carts agree as well. Waited for: the
        // transformer's rollups of the re-attributed sales may still be on their way.
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (Instant day = firstDay; day.isBefore(afterLastDay); day = day.plus(1, ChronoUnit.DAYS)) {
                for (String dimension : SalesTables.dimensions()) {
                    assertTopAgrees(tables, dimension, day, day.plus(1, ChronoUnit.DAYS), true);
                }
            }
        });

        // Ranges cut at random minutes, summed from day, hour and minute rollups: units and USD agree.
        Random random = new Random(2026);
        Instant firstMinute = sold[0].truncatedTo(ChronoUnit.MINUTES);
        long minutes = Duration.between(firstMinute, sold[1]).toMinutes() + 2;
        for (int i = 0; i < 12; i++) {
            Instant from = firstMinute.plus(random.nextLong(minutes), ChronoUnit.MINUTES);
            Instant to = from.plus(1 + random.nextLong(minutes), ChronoUnit.MINUTES);
            for (String dimension : SalesTables.dimensions()) {
                assertTopAgrees(tables, dimension, from, to, false);
            }
        }

        // The whole store minute by minute, carts included.
        Instant to = sold[1].truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Map<Instant, Sums> expected = tables.storeByMinute(firstMinute, to);
        JsonNode points = api.get("/api/v1/stats/timeseries?interval=minute&from=" + firstMinute + "&to=" + to).get("points");
        assertEquals(Duration.between(firstMinute, to).toMinutes(), points.size());
        for (JsonNode point : points) {
            Instant start = Instant.parse(point.get("start").asText());
            assertEquals(expected.getOrDefault(start, new Sums(0, BigDecimal.ZERO, 0)), sums(point), "minute " + start);
        }
    }

    @Test
    @Order(11)
    void aSubscriberThroughTheGatewayIsToldOfSalesUntilTheUnsubscribeLinkStopsIt() throws Exception {
        String fan = "fan@example.com";
        var created = api.post("/api/v1/subscriptions", "{\"email\": \"" + fan + "\", \"target\": {\"dimension\": "
                + "\"store\"}, \"kinds\": [\"sale\"]}");
        assertEquals(202, created.statusCode(), created.body());
        assertTrue(mail.waitForIncomingEmail(30_000, 1), "the confirmation mail");
        String confirmation = GreenMailUtil.getBody(mail.getReceivedMessages()[0]).replace("=\r\n", "");
        java.util.regex.Matcher confirm = java.util.regex.Pattern
                .compile("http://127\\.0\\.0\\.1:\\d+/api/v1/subscriptions/confirm\\?token=[A-Za-z0-9_.=-]+").matcher(confirmation);
        assertTrue(confirm.find(), confirmation);
        assertEquals("active", JSON.readTree(api.getAbsolute(confirm.group()).body()).get("status").asText());

        clock.advance(Duration.ofMinutes(3));
        awaitApiMatchesLedger();
        await().atMost(SETTLE).until(() -> mail.getReceivedMessages().length > 1);
        jakarta.mail.internet.MimeMessage alert = mail.getReceivedMessages()[1];
        assertTrue(alert.getSubject().startsWith("Tracktion: Bandcamp: "), alert.getSubject());
        assertTrue(GreenMailUtil.getBody(alert).contains("sold "), "an alert states the sale");
        String unsubscribe = alert.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        assertEquals("List-Unsubscribe=One-Click", alert.getHeader("List-Unsubscribe-Post")[0]);

        var ended = api.postAbsolute(unsubscribe, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
        assertEquals("unsubscribed", JSON.readTree(ended.body()).get("status").asText());
        // What was being sent as the link was followed arrives; then the inbox stays as it is for 2 s.
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        await().during(Duration.ofSeconds(2)).atMost(SETTLE)
                .until(() -> seen.getAndSet(mail.getReceivedMessages().length) == mail.getReceivedMessages().length);
        int before = mail.getReceivedMessages().length;
        long itemsBefore = simulator.ledger().items();
        clock.advance(Duration.ofMinutes(3));
        awaitApiMatchesLedger();
        assertTrue(simulator.ledger().items() > itemsBefore, "more sales after unsubscribing");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                assertEquals(before, mail.getReceivedMessages().length, "no mail after unsubscribing"));
    }

    @Test
    @Order(12)
    void everyTopicReplayedIntoAFreshDatabaseGivesTheSameTables() throws Exception {
        system.close();
        // Whatever the transformer wrote while the loader was stopping is loaded by a loader started again.
        SalesTables loaded = new SalesTables(postgres.dataSource(database));
        List<String> offsets = awaitSettled(loaded, infrastructure, List.of());

        String fresh = postgres.newDatabase();
        Map<String, String> replay = new HashMap<>(infrastructure);
        replay.put("DB_NAME", fresh);
        SalesTables replayed = new SalesTables(postgres.dataSource(fresh));
        awaitSettled(replayed, replay, offsets);

        Map<String, List<String>> expected = loaded.contents();
        Map<String, List<String>> actual = replayed.contents();
        assertEquals(expected.keySet(), actual.keySet());
        for (String table : expected.keySet()) {
            assertEquals(expected.get(table), actual.get(table), "table " + table);
        }
        assertTrue(expected.get("sale").size() >= simulator.ledger().items(), "every sale compared");
        assertTrue(expected.get("stats_minute").size() > 100 && expected.get("signal").size() > 10
                && !expected.get("trending_entry").isEmpty() && !expected.get("feed_window").isEmpty(),
                "rollups, signals, charts and the feed's audit compared");
    }

    /**
     * Runs a loader alone on a database until its stored offsets are {@code expected} (or, given none, until they
     * stay put for a while), and stops it; returns the offsets.
     */
    private List<String> awaitSettled(SalesTables tables, Map<String, String> env, List<String> expected)
            throws Exception {
        try (RunningSystem loader = RunningSystem.startLoader(workDir, env)) {
            List<String>[] last = new List[] {tables.offsets()};
            Instant[] since = {Instant.now()};
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                List<String> now = tables.offsets();
                if (!now.equals(last[0])) {
                    last[0] = now;
                    since[0] = Instant.now();
                }
                boolean still = Duration.between(since[0], Instant.now()).compareTo(Duration.ofSeconds(8)) >= 0;
                return !now.isEmpty() && still && (expected.isEmpty() || now.equals(expected));
            });
            return last[0];
        }
    }

    private void assertTopAgrees(SalesTables tables, String dimension, Instant from, Instant to, boolean withCarts) {
        Map<String, Sums> expected = tables.sums(dimension, from, to);
        String range = dimension + " in [" + from + ", " + to + ")";
        JsonNode top = api.get("/api/v1/top/" + dimension + "?by=revenue&limit=100&from=" + from + "&to=" + to);
        assertEquals(Math.min(100, expected.size()), top.size(), range + ": entries");
        Set<String> listed = new HashSet<>();
        BigDecimal lowestListed = null;
        for (JsonNode entry : top) {
            String id = entry.get("id").asText();
            listed.add(id);
            Sums actual = sums(entry);
            Sums want = expected.get(id);
            assertTrue(want != null, range + ": " + id + " is listed but sold nothing");
            assertEquals(withCarts ? want : want.withoutCarts(), withCarts ? actual : actual.withoutCarts(), range + ": " + id);
            lowestListed = actual.revenueUsd();
        }
        for (Map.Entry<String, Sums> left : expected.entrySet()) {
            if (!listed.contains(left.getKey())) {
                assertTrue(left.getValue().revenueUsd().compareTo(lowestListed) <= 0, range + ": " + left + " left out");
            }
        }
    }

    private static Sums sums(JsonNode node) {
        return new Sums(node.get("units").asLong(), node.get("revenueUsd").decimalValue(), node.get("carts").asLong());
    }

    /**
     * Waits until the ingestor has caught up with the simulator's clock (its cursor stays put for a few
     * polls) and the API then reports exactly what the simulator served. A match while the ingestor is
     * still catching up would only be a snapshot between two windows.
     */
    private void awaitApiMatchesLedger() {
        CursorWatch cursor = new CursorWatch();
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertTrue(cursor.stillFor(CURSOR_AT_REST), "the ingestor is still reading windows");
            Ledger.Totals served = simulator.ledger().totals();
            Summary expected = new Summary(served.items(), served.carts(), served.usdTotal(), served.artists(), served.countries());
            Summary actual = api.summary();
            assertTrue(actual.sameAs(expected), () -> "API " + actual + " vs served " + expected);
        });
    }

    /**
     * Whether the ingestor's cursor has not moved for a while, while it kept polling without failures: a pause in
     * a backoff after a failed poll, or one slow poll, is not the end of a catch-up.
     */
    private final class CursorWatch {
        private String last;
        private Instant since = Instant.now();

        boolean stillFor(Duration quiet) {
            JsonNode status = system.feedStatus();
            JsonNode cursorEndDate = status.path("cursorEndDate");
            String now = cursorEndDate.isNumber() ? cursorEndDate.asText() : "";
            if (!now.equals(last)) {
                last = now;
                since = Instant.now();
            }
            Instant lastPoll = instant(status.path("lastPollAt"));
            return !now.isEmpty() && Duration.between(since, Instant.now()).compareTo(quiet) >= 0
                    && status.path("consecutiveFailures").asInt(-1) == 0
                    && lastPoll != null && lastPoll.isAfter(since.plus(quiet.dividedBy(2)));
        }

        private static Instant instant(JsonNode node) {
            if (node.isTextual()) {
                return Instant.parse(node.asText());
            }
            return node.isNumber() ? Instant.ofEpochMilli(Math.round(node.asDouble() * 1000)) : null;
        }
    }

    private void assertNoDuplicateKeys(String topic) {
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, Duration.ofSeconds(2), SETTLE)) {
            assertTrue(keys.add(new String(record.key(), StandardCharsets.UTF_8)), "duplicate key on " + topic);
        }
    }
}
