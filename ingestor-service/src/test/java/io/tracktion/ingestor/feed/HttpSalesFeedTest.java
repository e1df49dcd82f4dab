package io.tracktion.ingestor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.ingestor.http.RequestPacer;
import io.tracktion.ingestor.http.UserAgent;
import io.tracktion.ingestor.testing.FeedJson;
import io.tracktion.ingestor.testing.ScriptedFeedServer;
import io.tracktion.ingestor.testing.ScriptedFeedServer.Response;
import io.tracktion.ingestor.testing.TestHttp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpSalesFeedTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void asksForTheInitialWindowThenTheNextOneWithADescriptiveUserAgent() throws Exception {
        try (var server = ScriptedFeedServer.inOrder(Response.json(FeedJson.sample("empty-window.json")),
                Response.json(FeedJson.sample("get-initial.json")), Response.json(FeedJson.sample("get-window.json")))) {
            SalesFeed feed = feed(server, Duration.ofSeconds(5));

            assertThat(feed.initial().endDate()).isEqualTo(1750000620L);
            assertThat(feed.after(1750000620L).itemCount()).isEqualTo(6);
            assertThat(feed.after(1750000620L).isEmpty()).isTrue();

            assertThat(server.requests()).extracting(ScriptedFeedServer.Request::path).containsExactly(
                    "/api/salesfeed/1/get_initial", "/api/salesfeed/1/get", "/api/salesfeed/1/get");
            assertThat(server.requests()).extracting(ScriptedFeedServer.Request::startDate)
                    .containsExactly(null, 1750000620L, 1750000620L);
            assertThat(server.requests().get(0).userAgent()).isEqualTo(UserAgent.value()).startsWith("Tracktion/0.1.0-SNAPSHOT ");
        }
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSecondsOrAsDateAndPausesEveryRequest() throws Exception {
        List<Long> slept = new ArrayList<>();
        long[] now = {0};
        // A pacer on a fake clock that records its waits instead of sleeping: 1 request per second.
        RequestPacer pacer = new RequestPacer(1, () -> now[0], nanos -> slept.add(nanos));
        try (var server = ScriptedFeedServer.inOrder(Response.status(429, ""),
                Response.tooManyRequests("7"), Response.tooManyRequests("Sun, 15 Jun 2025 12:01:00 GMT"))) {
            SalesFeed feed = new HttpSalesFeed(server.baseUrl(), TestHttp.client(Duration.ofSeconds(5), pacer,
                    Integer.MAX_VALUE, CLOCK));
            assertThatThrownBy(feed::initial).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
            assertThat(pacer.pausedFor()).isEqualTo(Duration.ofSeconds(7));
            assertThatThrownBy(feed::initial).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(1)));
            assertThatThrownBy(feed::initial).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).isEmpty());
        }
        // The first request left at once; the second waited out the 7 s; the third the minute.
        assertThat(slept).containsExactly(Duration.ofSeconds(7).toNanos(), Duration.ofSeconds(60).toNanos());
    }

    @Test
    void errorStatusesAreUnavailableWithASnippet() throws Exception {
        try (var server = ScriptedFeedServer.inOrder(Response.status(404, "<h1>Not found</h1>"),
                Response.status(503, "<h1>Down for maintenance</h1>"))) {
            SalesFeed feed = feed(server, Duration.ofSeconds(5));
            assertThatThrownBy(feed::initial).isInstanceOf(FeedUnavailableException.class)
                    .hasMessageContaining("HTTP 503").hasMessageContaining("Down for maintenance");
            assertThatThrownBy(feed::initial).isInstanceOf(FeedUnavailableException.class)
                    .hasMessageContaining("HTTP 404");
        }
    }

    @Test
    void aBodyThatIsNotAWindowIsMalformed() throws Exception {
        try (var server = ScriptedFeedServer.inOrder(Response.json("<html>maintenance</html>"))) {
            assertThatThrownBy(() -> feed(server, Duration.ofSeconds(5)).after(1))
                    .isInstanceOfSatisfying(MalformedFeedException.class,
                            e -> assertThat(e.snippet()).isEqualTo("<html>maintenance</html>"));
        }
    }

    @Test
    void aSlowServerTimesOut() throws Exception {
        // The server answers only once the client has given up, however long that takes.
        CountDownLatch clientGaveUp = new CountDownLatch(1);
        try (var server = ScriptedFeedServer.start(request -> {
            try {
                clientGaveUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.json(FeedJson.empty(1));
        })) {
            assertThatThrownBy(() -> feed(server, Duration.ofMillis(300)).initial())
                    .isInstanceOf(FeedUnavailableException.class);
            clientGaveUp.countDown();
        }
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SalesFeed feed = new HttpSalesFeed("http://127.0.0.1:" + closedPort, TestHttp.client(Duration.ofSeconds(2)));
        assertThatThrownBy(feed::initial).isInstanceOf(FeedUnavailableException.class)
                .hasMessageContaining("get_initial failed");
    }

    private static SalesFeed feed(ScriptedFeedServer server, Duration timeout) {
        return new HttpSalesFeed(server.baseUrl(), TestHttp.client(timeout));
    }
}
