package io.tracktion.ingestor.poll;

import static io.tracktion.ingestor.testing.FeedJson.cart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tracktion.ingestor.testing.FeedJson;
import io.tracktion.ingestor.testing.Ingestors;
import io.tracktion.ingestor.testing.KafkaTopics;
import io.tracktion.ingestor.testing.ScriptedFeedServer;
import io.tracktion.ingestor.testing.ScriptedFeedServer.Request;
import io.tracktion.ingestor.testing.ScriptedFeedServer.Response;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.SchemaRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The polling thread against a real broker and a scripted feed: it waits as long as the feed asks, retries
 * what failed, and does not wait its (hour-long) interval while the feed has more complete data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FeedPollingLoopKafkaTest {

    @RegisterExtension
    static final KafkaCluster KAFKA = new KafkaCluster();

    private static final Duration AN_HOUR = Duration.ofHours(1);
    private static final long T0 = 1_750_000_020L;
    private static final String FIRST_WINDOW = FeedJson.initial(T0, T0 + 600, T0 + 730, List.of(cart(T0 + 10, "first")));

    @Test
    void honoursRetryAfterOnTooManyRequests() {
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.empty(T0 + 730)),
                Response.tooManyRequests("2"), Response.json(FIRST_WINDOW))) {
            FeedStatus status = new FeedStatus(server.baseUrl());
            try (var loop = startLoop(server, status)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(T0 + 600).equals(status.view().cursorEndDate()));
            }
            List<Request> requests = server.requests();
            assertThat(requests.get(0).isInitial()).isTrue();
            assertThat(requests.get(1).isInitial()).isTrue();
            assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl())).containsExactly(T0 + 600);
        }
    }

    @Test
    void backsOffOnServerErrorsAndCarriesOn() {
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.empty(T0 + 730)),
                Response.status(500, "oops"), Response.status(503, "maintenance"), Response.json(FIRST_WINDOW))) {
            FeedStatus status = new FeedStatus(server.baseUrl());
            try (var loop = startLoop(server, status)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(T0 + 600).equals(status.view().cursorEndDate()));
                assertThat(status.view().consecutiveFailures()).isZero();
                assertThat(status.view().lastError()).contains("HTTP 503");
            }
            assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(3).allMatch(Request::isInitial);
            assertThat(KafkaTopics.rawSales(KAFKA, server.baseUrl())).hasSize(1);
        }
    }

    @Test
    void aMalformedBodyLeavesTheCursorAndIsRetried() {
        String second = FeedJson.window(T0 + 600, T0 + 1200, T0 + 1330, List.of(cart(T0 + 700, "second")));
        // The first window is far behind the feed, so the next one is asked for at once.
        String first = FeedJson.initial(T0, T0 + 600, T0 + 5000, List.of(cart(T0 + 10, "first")));
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.empty(T0 + 1330)),
                Response.json(first),
                Response.json("<html><body>Bandcamp is down for maintenance</body></html>"),
                Response.json("{\"start_date\": " + (T0 + 600) + ", \"end_date\": " + (T0 + 1200) + ", \"events\": [{\"ev"),
                Response.json("[\"a list is no window\"]"),
                Response.json(second))) {
            FeedStatus status = new FeedStatus(server.baseUrl());
            try (var loop = startLoop(server, status)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(T0 + 1200).equals(status.view().cursorEndDate()));
            }
            assertThat(server.requests()).extracting(Request::startDate)
                    .startsWith(null, T0 + 600, T0 + 600, T0 + 600, T0 + 600);
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl())).containsExactly(T0 + 600, T0 + 1200);
            assertThat(KafkaTopics.rawSales(KAFKA, server.baseUrl())).hasSize(2);
            assertThat(status.view().windowsRead()).isEqualTo(2);
            assertThat(status.view().lastError()).contains("a list is no window");
        }
    }

    @Test
    void catchesUpWithAFeedHoursAheadWithoutWaitingTheInterval() {
        long serverTime = T0 + Duration.ofHours(3).toSeconds();
        // Complete windows end at most at serverTime - 120: the last one ends at T0 + 17 * 600.
        long lastEnd = T0 + 17 * 600;
        try (var server = ScriptedFeedServer.start(FeedJson.contiguousFeed(T0, 600, serverTime))) {
            FeedStatus status = new FeedStatus(server.baseUrl());
            try (var loop = startLoop(server, status)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(lastEnd).equals(status.view().cursorEndDate()));
                assertThat(loop.isRunning()).as("now it waits its interval").isTrue();
            }
            assertThat(KafkaTopics.cursorHistory(KAFKA, server.baseUrl()))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 17).mapToObj(i -> T0 + i * 600).toList());
            assertThat(server.requests()).hasSize(17);
        }
    }

    private static FeedPollingLoop startLoop(ScriptedFeedServer server, FeedStatus status) {
        FeedPollingLoop loop = new FeedPollingLoop(Ingestors.poller(KAFKA, server, AN_HOUR, status), status,
                SchemaRegistryProbe.forTopics(SchemaRegistry.shared(), List.of(Topics.RAW_SALES, Topics.FEED_CURSOR)));
        loop.start();
        return loop;
    }
}
