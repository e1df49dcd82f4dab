package io.tracktion.ingestor.poll;

import static io.tracktion.ingestor.testing.FeedJson.cart;
import static io.tracktion.ingestor.testing.FeedJson.item;
import static io.tracktion.ingestor.testing.FeedJson.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tracktion.ingestor.feed.FeedItem;
import io.tracktion.ingestor.feed.FeedParser;
import io.tracktion.ingestor.poll.PollResult.Outcome;
import io.tracktion.ingestor.publish.KafkaWindowSink;
import io.tracktion.ingestor.testing.FeedJson;
import io.tracktion.ingestor.testing.Ingestors;
import io.tracktion.ingestor.testing.KafkaTopics;
import io.tracktion.ingestor.testing.ScriptedFeedServer;
import io.tracktion.ingestor.testing.ScriptedFeedServer.Request;
import io.tracktion.ingestor.testing.ScriptedFeedServer.Response;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.SingleObjectSerde;
import io.tracktion.testsupport.SchemaRegistry;
import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.tracktion.schemas.DeadLetterHeaders;
import io.tracktion.schemas.FeedGap;
import io.tracktion.schemas.FeedWindowReceived;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The poller step by step against a real broker and a scripted feed over HTTP. Each test has its own feed
 * (its own port, so its own base URL, cursor key and transactional id) and reads back only that feed's records.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FeedPollerKafkaTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();

    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final long T0 = 1_750_000_020L;

    @Test
    void publishesExactlyTheServedItemsAndCommitsTheCursor() throws Exception {
        String first = FeedJson.sample("get-initial.json");
        String second = window(1750000620, 1750001220, 1750001229,
                List.of(cart(1750000700, "Two A"), cart(1750000800, "Two B")));
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.empty(1750001300)),
                Response.json(first), Response.json(second));
             FeedPoller poller = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {

            assertThat(List.of(poller.pollOnce(), poller.pollOnce(), poller.pollOnce()))
                    .extracting(PollResult::outcome).containsExactly(Outcome.WINDOW, Outcome.WINDOW, Outcome.EMPTY);

            List<String> served = Stream.concat(
                    FeedParser.parse(first).events().stream(), FeedParser.parse(second).events().stream())
                    .flatMap(event -> event.items().stream()).map(FeedItem::json).toList();
            List<RawSale> published = KafkaTopics.rawSales(KAFKA, server.baseUrl());
            assertThat(published).extracting(RawSale::getItemJson).containsExactlyInAnyOrderElementsOf(served)
                    .contains(item(1750000700, "Two A"), item(1750000800, "Two B"));
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl())).containsExactly(1750000620L, 1750001220L);
            assertThat(server.requests()).extracting(Request::startDate).containsExactly(null, 1750000620L, 1750001220L);
            assertRecordsAreKeyedBySaleId(server.baseUrl());
        }
    }

    @Test
    void aWindowServedTwiceIsPublishedTwiceButTheCursorNeverGoesBack() throws Exception {
        String a = cart(T0 + 10, "A");
        String b = cart(T0 + 400, "B");
        String c = cart(T0 + 700, "C");
        String d = cart(T0 + 1000, "D");
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.empty(T0 + 5000)),
                Response.json(FeedJson.initial(T0, T0 + 600, T0 + 730, List.of(a, b))),
                Response.json(window(T0, T0 + 600, T0 + 730, List.of(a, b))),       // the same window again
                Response.json(window(T0 + 300, T0 + 900, T0 + 1030, List.of(b, c))), // overlapping the previous one
                Response.json(window(T0 + 900, T0 + 1500, T0 + 1630, List.of(d))));
             FeedPoller poller = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {

            for (int i = 0; i < 4; i++) {
                assertThat(poller.pollOnce().outcome()).isEqualTo(Outcome.WINDOW);
            }

            assertThat(server.requests()).extracting(Request::startDate)
                    .containsExactly(null, T0 + 600, T0 + 600, T0 + 900);
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl())).containsExactly(T0 + 600, T0 + 900, T0 + 1500);
            Map<String, Long> timesPublished = KafkaTopics.rawSales(KAFKA, server.baseUrl()).stream()
                    .collect(Collectors.groupingBy(sale -> description(sale.getItemJson()), Collectors.counting()));
            assertThat(timesPublished).isEqualTo(Map.of("A", 2L, "B", 3L, "C", 1L, "D", 1L));
        }
    }

    @Test
    void aRestartedIngestorResumesFromTheCommittedCursor() throws Exception {
        try (var server = ScriptedFeedServer.start(FeedJson.contiguousFeed(T0, 600, T0 + 100_000))) {
            try (FeedPoller first = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {
                for (int i = 0; i < 3; i++) {
                    assertThat(first.pollOnce().outcome()).isEqualTo(Outcome.WINDOW);
                }
            }
            try (FeedPoller second = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {
                for (int i = 0; i < 2; i++) {
                    assertThat(second.pollOnce().outcome()).isEqualTo(Outcome.WINDOW);
                }
            }

            assertThat(server.requests()).extracting(Request::startDate)
                    .containsExactly(null, T0 + 600, T0 + 1200, T0 + 1800, T0 + 2400);
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl()))
                    .containsExactly(T0 + 600, T0 + 1200, T0 + 1800, T0 + 2400, T0 + 3000);
            assertThat(KafkaTopics.rawSales(KAFKA, server.baseUrl())).extracting(sale -> description(sale.getItemJson()))
                    .containsExactlyInAnyOrder("sold-at-" + T0, "sold-at-" + (T0 + 600), "sold-at-" + (T0 + 1200),
                            "sold-at-" + (T0 + 1800), "sold-at-" + (T0 + 2400));
        }
    }

    @Test
    void anIngestorUpgradedFromTheSingleObjectEncodingResumesFromItsOldCursor() throws Exception {
        try (var server = ScriptedFeedServer.start(FeedJson.contiguousFeed(T0, 600, T0 + 100_000))) {
            // The cursor as the ingestor wrote it before the registry: Avro single-object encoding.
            FeedCursor old = new FeedCursor(server.baseUrl(), T0 + 1200, T0 + 1300, Instant.parse("2026-11-30T12:00:00Z"));
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.FEED_CURSOR.name(), server.baseUrl(),
                        SingleObjectSerde.feedCursor().encode(old))).get();
            }

            try (FeedPoller upgraded = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {
                assertThat(upgraded.pollOnce().outcome()).isEqualTo(Outcome.WINDOW);
            }

            assertThat(server.requests()).extracting(Request::startDate).containsExactly(T0 + 1200);
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl())).containsExactly(T0 + 1200, T0 + 1800);
            List<byte[]> newValues = KafkaTopics.readToEnd(KAFKA, Topics.FEED_CURSOR.name()).stream()
                    .filter(record -> server.baseUrl().equals(record.key())).map(record -> record.value()).toList();
            assertThat(newValues.get(0)[0]).as("the old cursor").isEqualTo((byte) 0xC3);
            assertThat(newValues.get(1)[0]).as("the new cursor: Confluent wire format").isZero();
        }
    }

    @Test
    void aCursorWithASchemaIdTheRegistryLacksIsRetriedNotPassedOver() throws Exception {
        try (var server = ScriptedFeedServer.start(FeedJson.contiguousFeed(T0, 600, T0 + 100_000))) {
            byte[] unknownId = RegistryAvroSerde.feedCursor(SchemaRegistry.shared()).serialize(Topics.FEED_CURSOR.name(),
                    new FeedCursor(server.baseUrl(), T0 + 1200, null, Instant.now()));
            unknownId[1] = 0x3f; // an id far beyond any registered one
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.FEED_CURSOR.name(), server.baseUrl(), unknownId)).get();
            }

            try (FeedPoller poller = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {
                PollResult result = poller.pollOnce();
                assertThat(result.outcome()).isEqualTo(Outcome.PUBLISH_FAILED);
                assertThat(poller.pollOnce().outcome()).isEqualTo(Outcome.PUBLISH_FAILED);
            }
            // Passing the cursor over would have started again from get_initial.
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aNewInstanceFencesTheOldOneAndDropsWhatItLeftUncommitted() throws Exception {
        try (var server = ScriptedFeedServer.start(FeedJson.contiguousFeed(T0, 600, T0 + 100_000));
             FeedPoller old = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {
            assertThat(old.pollOnce().cursor()).isEqualTo(T0 + 600);

            // A zombie of the same feed leaves a transaction open, with a cursor far in the future.
            Properties config = KafkaWindowSink.producerConfig(KAFKA.bootstrapServers(), server.baseUrl());
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "600000");
            try (var zombie = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                zombie.initTransactions();
                zombie.beginTransaction();
                FeedCursor bogus = new FeedCursor(server.baseUrl(), 9_999_999_999L, null, Instant.now());
                zombie.send(new ProducerRecord<>(Topics.FEED_CURSOR.name(), server.baseUrl(),
                        RegistryAvroSerde.feedCursor(SchemaRegistry.shared()).serialize(Topics.FEED_CURSOR.name(), bogus)));
                zombie.flush();

                try (FeedPoller restarted = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {
                    PollResult result = restarted.pollOnce();
                    assertThat(result.outcome()).isEqualTo(Outcome.WINDOW);
                    assertThat(result.cursor()).isEqualTo(T0 + 1200);
                }
                assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
            }
            assertThat(old.pollOnce().outcome()).isEqualTo(Outcome.FENCED);

            assertThat(server.requests()).extracting(Request::startDate).startsWith(null, T0 + 600);
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl())).containsExactly(T0 + 600, T0 + 1200);
        }
    }

    @Test
    void whenKafkaRefusesAWindowItIsFetchedAgainAndTheCursorStays() throws Exception {
        String tooLarge = window(T0 + 600, T0 + 1200, T0 + 1330, List.of(cart(T0 + 700, "x".repeat(20_000))));
        String fine = window(T0 + 600, T0 + 1200, T0 + 1330, List.of(cart(T0 + 700, "fits")));
        Properties smallRequests = new Properties();
        smallRequests.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "8192");
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.empty(T0 + 5000)),
                Response.json(FeedJson.initial(T0, T0 + 600, T0 + 730, List.of(cart(T0 + 10, "first")))),
                Response.json(tooLarge), Response.json(fine));
             FeedPoller poller = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()), smallRequests)) {

            assertThat(List.of(poller.pollOnce(), poller.pollOnce(), poller.pollOnce())).extracting(PollResult::outcome)
                    .containsExactly(Outcome.WINDOW, Outcome.PUBLISH_FAILED, Outcome.WINDOW);

            assertThat(server.requests()).extracting(Request::startDate).containsExactly(null, T0 + 600, T0 + 600);
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl())).containsExactly(T0 + 600, T0 + 1200);
            assertThat(KafkaTopics.rawSales(KAFKA, server.baseUrl())).extracting(sale -> description(sale.getItemJson()))
                    .containsExactlyInAnyOrder("first", "fits");
        }
    }

    @Test
    void protocolRelativeItemUrlsResolveAgainstTheFeedsScheme() throws Exception {
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.sample("get-initial.json")));
             FeedPoller poller = Ingestors.poller(KAFKA, server, INTERVAL, new FeedStatus(server.baseUrl()))) {
            poller.pollOnce();

            RawSale sale = KafkaTopics.rawSales(KAFKA, server.baseUrl()).stream()
                    .filter(s -> s.getItemJson().contains("Velvet Orrery")).findFirst().orElseThrow();
            assertThat(sale.getFeedBaseUrl()).startsWith("http://127.0.0.1:");
            assertThat(sale.getItemJson()).contains("\"url\": \"//velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay\"");
            assertThat(itemUrl(sale)).isEqualTo(URI.create("http://velvetorrery.bandcamp.com/album/lanterns-over-kessel-bay"));
        }
        RawSale fromBandcamp = RawSale.newBuilder().setSaleId("s").setEventId("e").setItemIndex(0).setCartSize(1)
                .setFeedBaseUrl("https://bandcamp.com").setFetchedAt(Instant.EPOCH)
                .setItemJson("{\"url\": \"//music.northlabel.co.uk/album/tides\"}").build();
        assertThat(itemUrl(fromBandcamp)).isEqualTo(URI.create("https://music.northlabel.co.uk/album/tides"));
    }

    @Test
    void unreadableEventsAreDeadLetteredAndAGapIsRecordedThenClosedWithEveryWindowsCoverage() throws Exception {
        String a = cart(T0 + 10, "A");
        String initial = "{\"feed_data\": {\"start_date\": " + T0 + ", \"end_date\": " + (T0 + 600)
                + ", \"data_delay_sec\": 120, \"server_time\": " + (T0 + 730) + ", \"events\": [" + a
                + ", 42, {\"event_type\": \"sale\", \"items\": \"nope\"}]}}";
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.empty(T0 + 5000)),
                Response.json(initial),
                Response.json(window(T0 + 900, T0 + 1500, T0 + 1630, List.of(cart(T0 + 1000, "late")))), // skips 600..900
                Response.json(window(T0 + 600, T0 + 1200, T0 + 1630, List.of(cart(T0 + 700, "gap"), cart(T0 + 1000, "late")))));
             // No poll interval: the gap is due to be asked for again at the very next poll.
             FeedPoller poller = Ingestors.poller(KAFKA, server, Duration.ZERO, new FeedStatus(server.baseUrl()))) {
            assertThat(poller.pollOnce().outcome()).isEqualTo(Outcome.WINDOW);
            assertThat(poller.pollOnce().outcome()).isEqualTo(Outcome.WINDOW);
            assertThat(poller.pollOnce().outcome()).isEqualTo(Outcome.WINDOW);
            assertThat(server.requests()).extracting(Request::startDate).containsExactly(null, T0 + 600, T0 + 600);

            String feed = server.baseUrl();
            List<ConsumerRecord<String, byte[]>> dead = KafkaTopics.readToEnd(KAFKA, Topics.FEED_DEAD_LETTER.name())
                    .stream().filter(r -> r.key().startsWith(feed + "@")).toList();
            assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("42", "{\"event_type\": \"sale\", \"items\": \"nope\"}");
            assertThat(header(dead.get(0), DeadLetterHeaders.WINDOW_START)).isEqualTo(String.valueOf(T0));
            assertThat(header(dead.get(0), DeadLetterHeaders.WINDOW_END)).isEqualTo(String.valueOf(T0 + 600));
            assertThat(header(dead.get(0), DeadLetterHeaders.FEED)).isEqualTo(feed);
            assertThat(header(dead.get(0), DeadLetterHeaders.ERROR)).contains("not a JSON object");

            RegistryAvroSerde<FeedGap> gaps = RegistryAvroSerde.feedGap(SchemaRegistry.shared());
            List<FeedGap> gapRecords = KafkaTopics.readToEnd(KAFKA, Topics.FEED_GAPS.name()).stream()
                    .filter(r -> r.key().startsWith(feed + "@"))
                    .map(r -> gaps.deserialize(r.topic(), r.value())).toList();
            assertThat(gapRecords).extracting(FeedGap::getFromDate, FeedGap::getToDate, FeedGap::getClosed)
                    .containsExactly(tuple(T0 + 600, T0 + 900, false), tuple(T0 + 600, T0 + 900, true));

            RegistryAvroSerde<FeedWindowReceived> windows = RegistryAvroSerde.feedWindowReceived(SchemaRegistry.shared());
            List<FeedWindowReceived> received = KafkaTopics.readToEnd(KAFKA, Topics.FEED_WINDOWS.name()).stream()
                    .filter(r -> r.key().startsWith(feed + "@"))
                    .map(r -> windows.deserialize(r.topic(), r.value())).toList();
            assertThat(received).extracting(FeedWindowReceived::getStartDate, FeedWindowReceived::getItems,
                            FeedWindowReceived::getUnreadableEvents, FeedWindowReceived::getEvents)
                    .containsExactly(tuple(T0, 1, 2, 3), tuple(T0 + 900, 1, 0, 1), tuple(T0 + 600, 2, 0, 2));
            // The cursor went on from the late window and did not go back for the gap.
            assertThat(KafkaTopics.cursorHistory(KAFKA, feed)).containsExactly(T0 + 600, T0 + 1500);
            assertThat(KafkaTopics.rawSales(KAFKA, feed)).extracting(sale -> description(sale.getItemJson()))
                    .containsExactly("A", "late", "gap", "late");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void theTransactionalIdIsStablePerFeed() {
        String id = KafkaWindowSink.transactionalId("https://bandcamp.com");
        assertThat(id).matches("tracktion-ingestor-[0-9a-f]{12}")
                .isEqualTo(KafkaWindowSink.transactionalId("https://bandcamp.com"))
                .isNotEqualTo(KafkaWindowSink.transactionalId("http://127.0.0.1:8090"));
    }

    /**
     * How a consumer resolves an item's protocol-relative {@code url} (RFC 3986 §5.2): against the
     * feed's base URL, so it takes the feed's scheme. The transformer does this for real.
     */
    private static URI itemUrl(RawSale sale) {
        Matcher url = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]*)\"").matcher(sale.getItemJson());
        assertThat(url.find()).as("item has a url").isTrue();
        return URI.create(sale.getFeedBaseUrl()).resolve(url.group(1));
    }

    private static String description(String itemJson) {
        Matcher description = Pattern.compile("\"item_description\": \"([^\"]*)\"").matcher(itemJson);
        assertThat(description.find()).as("item has a description: " + itemJson).isTrue();
        return description.group(1);
    }

    private static void assertRecordsAreKeyedBySaleId(String feedBaseUrl) {
        RegistryAvroSerde<RawSale> serde = RegistryAvroSerde.rawSale(SchemaRegistry.shared());
        List<Map.Entry<String, RawSale>> records = KafkaTopics.readToEnd(KAFKA, Topics.RAW_SALES.name()).stream()
                .map(record -> Map.entry(record.key(), serde.deserialize(record.topic(), record.value())))
                .filter(entry -> entry.getValue().getFeedBaseUrl().equals(feedBaseUrl))
                .toList();
        assertThat(records).isNotEmpty().allSatisfy(entry -> assertThat(entry.getKey()).isEqualTo(entry.getValue().getSaleId()));
    }
}
