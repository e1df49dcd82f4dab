package io.tracktion.ingestor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tracktion.ingestor.testing.TestHttp;
import io.tracktion.schemas.ReleaseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One page fetch against a real local HTTP server: what each kind of answer comes to. */
class ReleaseFetcherTest {

    private static final Instant SEEN = Instant.parse("2026-12-01T10:00:00Z");

    private HttpServer server;
    private ReleaseFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String pages = "http://127.0.0.1:" + server.getAddress().getPort() + "/pages";
        fetcher = new ReleaseFetcher(TestHttp.client(Duration.ofSeconds(5)),
                new ReleasePageParser(new TagClassifier(TagVocabulary.shipped())), pages, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/pages/a.bandcamp.com/album/renamed" -> {
                exchange.getResponseHeaders().set("Location", "/pages/a.bandcamp.com/album/another-one");
                send(exchange, 301, "");
            }
            case "/pages/a.bandcamp.com/album/another-one", "/pages/a.bandcamp.com/album/good" -> send(exchange, 200, page());
            case "/pages/a.bandcamp.com/album/huge" -> send(exchange, 200, "<html>" + "x".repeat(9 * 1024 * 1024) + "</html>");
            case "/pages/a.bandcamp.com/album/odd-duration" -> send(exchange, 200, page().replace("PT4M3S", "PT99999999999999999999S"));
            case "/pages/a.bandcamp.com/album/busy" -> {
                exchange.getResponseHeaders().set("Retry-After", "99999999999");
                send(exchange, 429, "slow down");
            }
            default -> send(exchange, 404, "<html><body>nothing here</body></html>");
        }
    }

    private static String page() throws IOException {
        try (InputStream in = ReleaseFetcherTest.class.getResourceAsStream("/pages/album-self-released.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aPageIsReadAndAMissingOneIsGone() throws Exception {
        assertThat(answered("good").release().getStatus()).isEqualTo(ReleaseStatus.KNOWN);
        FetchResult.Answered missing = answered("missing");
        assertThat(missing.release().getStatus()).isEqualTo(ReleaseStatus.GONE);
        assertThat(missing.release().getTitle()).isNull();
    }

    @Test
    void aPageThatRedirectsToAnotherReleaseIsNotReadAsThisOne() throws Exception {
        FetchResult.Answered moved = answered("renamed");
        assertThat(moved.release().getStatus()).isEqualTo(ReleaseStatus.GONE);
        assertThat(moved.release().getProblem()).startsWith("moved to").contains("another-one");
        assertThat(moved.release().getTitle()).isNull();
        assertThat(moved.release().getArtist()).isNull();
        assertThat(moved.release().getGenre()).isNull();
    }

    @Test
    void aHugePageIsUnreadableNotAFailureOfTheHost() throws Exception {
        FetchResult.Answered huge = answered("huge");
        assertThat(huge.release().getStatus()).isEqualTo(ReleaseStatus.UNREADABLE);
        assertThat(huge.release().getProblem()).contains("larger than");
        assertThat(huge.page()).isEmpty();
    }

    @Test
    void nonsenseInAPageOrAHeaderNeverBreaksTheFetcher() throws Exception {
        FetchResult.Answered odd = answered("odd-duration");
        assertThat(odd.release().getStatus()).isEqualTo(ReleaseStatus.KNOWN);
        assertThat(odd.release().getTracks().get(0).getDurationSeconds()).isNull();

        FetchResult busy = fetcher.fetch("https://a.bandcamp.com/album/busy", SEEN);
        assertThat(busy).isInstanceOfSatisfying(FetchResult.TryAgain.class, again -> {
            assertThat(again.counts()).isFalse();
            assertThat(again.notBefore()).isLessThanOrEqualTo(Duration.ofHours(1)); // capped, not 3,000 years
        });
    }

    private FetchResult.Answered answered(String slug) throws InterruptedException {
        FetchResult result = fetcher.fetch("https://a.bandcamp.com/album/" + slug, SEEN);
        assertThat(result).as(slug).isInstanceOf(FetchResult.Answered.class);
        return (FetchResult.Answered) result;
    }
}
