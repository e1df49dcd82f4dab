package io.tracktion.alerts.webhooks;

import static io.tracktion.alerts.webhooks.Messages.firstSale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tracktion.alerts.delivery.DeliveryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a webhook's answers, redirects, silences and addresses come out, against a real local HTTP server. */
class WebhookSenderTest {

    private static final String SECRET = "key";
    private static final Duration SHORT = Duration.ofMillis(300);

    private Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** The receiver is on loopback: reachable only when private addresses are allowed. */
    private static WebhookSender sender(Duration requestTimeout) {
        return new WebhookSender(new WebhookGuard(true), Messages.JSON, Duration.ofSeconds(2), requestTimeout);
    }

    private static WebhookSender sender() {
        return sender(Duration.ofSeconds(5));
    }

    /** Private addresses refused, with the name localhost taken for a public one, as if it were a site's. */
    private static WebhookSender strictSenderWhereLocalhostLooksPublic(WebhookGuard.Resolver resolver) {
        return new WebhookSender(new WebhookGuard(false, resolver), Messages.JSON, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    private static InetAddress[] localhostLooksPublic(String host) throws UnknownHostException {
        return host.equals("localhost") ? new InetAddress[] {InetAddress.getByName("93.184.215.14")}
                : InetAddress.getAllByName(host);
    }

    private URI viaLocalhost(String path) {
        return URI.create("http://localhost:" + receiver.port() + path);
    }

    private static DeliveryException failure(ThrowingCallable send) {
        AtomicReference<DeliveryException> caught = new AtomicReference<>();
        assertThatThrownBy(send).isInstanceOfSatisfying(DeliveryException.class, caught::set);
        return caught.get();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void anySuccessIsDelivered(int status) throws Exception {
        receiver.on("/hook", Receiver.status(status, status == 204 ? "" : "ok"));
        sender().send(receiver.url("/hook"), "json", SECRET, firstSale());
        assertThat(receiver.paths()).containsExactly("/hook");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 413, 422, 300, 304})
    void aRefusalIsPermanent(int status) {
        receiver.on("/hook", Receiver.status(status, status == 304 ? "" : "no_service"));
        DeliveryException e = failure(() -> sender().send(receiver.url("/hook"), "slack", null, firstSale()));
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).startsWith("the webhook at 127.0.0.1 answered " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void aBusyOrBrokenReceiverIsTriedAgain(int status) {
        receiver.on("/hook", Receiver.status(status, "try later"));
        DeliveryException e = failure(() -> sender().send(receiver.url("/hook"), "discord", null, firstSale()));
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("the webhook at 127.0.0.1 answered " + status + ": try later");
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsTriedAgain() {
        // The receiver answers only once the sender has given up, however long that takes.
        CountDownLatch senderGaveUp = new CountDownLatch(1);
        receiver.on("/slow", exchange -> {
            senderGaveUp.await(30, TimeUnit.SECONDS);
            Receiver.send(exchange, 200, "ok");
        });
        long started = System.nanoTime();
        DeliveryException e = failure(() -> sender(SHORT).send(receiver.url("/slow"), "json", SECRET, firstSale()));
        senderGaveUp.countDown();
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("the webhook at 127.0.0.1 did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    /** The timeout covers the answer's body too: a receiver cannot hold the sender by trickling. */
    @Test
    void aBodyTrickledSlowlyIsGivenUpAndItsConnectionClosed() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        receiver.on("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException gone) {
                closed.countDown();
            }
        });
        long started = System.nanoTime();
        DeliveryException e = failure(() -> sender(SHORT).send(receiver.url("/trickle"), "json", SECRET, firstSale()));
        assertThat(e.permanent()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(closed.await(3, TimeUnit.SECONDS)).isTrue();
    }

    /** Only the first 64 KiB are read: an endless answer is delivered, not read to its end. */
    @Test
    void anEndlessAnswerIsReadOnlyToTheLimit() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        receiver.on("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < 4L << 30) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException gone) {
                closed.countDown();
            }
        });
        sender().send(receiver.url("/endless"), "json", SECRET, firstSale());
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get()).isLessThan(64L << 20);
    }

    @Test
    void aTenMegabyteErrorPageEndsInAShortReason() {
        receiver.on("/hook", Receiver.status(500, "<html>" + "oops ".repeat(2 * 1024 * 1024) + "</html>"));
        DeliveryException e = failure(() -> sender().send(receiver.url("/hook"), "json", SECRET, firstSale()));
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("the webhook at 127.0.0.1 answered 500: <html>oops oops").hasSizeLessThan(300);
    }

    @Test
    void aReceiverThatIsNotThereIsTriedAgain() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        DeliveryException e = failure(() -> sender().send(URI.create("http://127.0.0.1:" + closedPort + "/hook"),
                "json", SECRET, firstSale()));
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("cannot reach the webhook at 127.0.0.1: java.net.ConnectException");
    }

    /** The dispatcher's thread told to stop: the message goes out again later, and the thread still knows. */
    @Test
    void anInterruptedSendIsTriedAgain() {
        Thread.currentThread().interrupt();
        try {
            DeliveryException e = failure(() -> sender().send(receiver.url("/hook"), "json", SECRET, firstSale()));
            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).isEqualTo("interrupted while calling the webhook");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void upToThreeRedirectsAreFollowedRelativeOnesIncluded() throws Exception {
        receiver.on("/hooks/a", Receiver.redirect(301, "b"));
        receiver.on("/hooks/b", Receiver.redirect(307, "/moved/c"));
        receiver.on("/moved/c", Receiver.redirect(308, receiver.url("/final").toString()));

        sender().send(receiver.url("/hooks/a"), "json", SECRET, firstSale());

        assertThat(receiver.paths()).containsExactly("/hooks/a", "/hooks/b", "/moved/c", "/final");
        List<Receiver.Received> requests = receiver.received();
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).isEqualTo(requests.get(0).body());
            assertThat(r.header("X-Tracktion-Signature")).isEqualTo(requests.get(0).header("X-Tracktion-Signature"));
        });
    }

    @Test
    void aFourthRedirectIsAFailure() {
        receiver.on("/a", Receiver.redirect(302, "/b"));
        receiver.on("/b", Receiver.redirect(302, "/c"));
        receiver.on("/c", Receiver.redirect(302, "/d"));
        receiver.on("/d", Receiver.redirect(302, "/final"));

        DeliveryException e = failure(() -> sender().send(receiver.url("/a"), "json", SECRET, firstSale()));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("the webhook redirected more than 3 times");
        assertThat(receiver.paths()).containsExactly("/a", "/b", "/c", "/d");
    }

    @Test
    void aRelativeRedirectFromAUrlWithoutPathStartsAtTheRoot() throws Exception {
        receiver.on("/", Receiver.redirect(302, "next"));
        sender().send(URI.create("http://127.0.0.1:" + receiver.port()), "json", SECRET, firstSale());
        assertThat(receiver.paths()).containsExactly("/", "/next");
    }

    /** 303: the message was taken; what it points at is fetched, not sent the message again. */
    @Test
    void seeOtherIsFollowedWithAGet() throws Exception {
        receiver.on("/hook", Receiver.redirect(303, "/receipt"));
        sender().send(receiver.url("/hook"), "json", SECRET, firstSale());
        assertThat(receiver.received()).extracting(Receiver.Received::method, Receiver.Received::path)
                .containsExactly(tuple("POST", "/hook"),
                        tuple("GET", "/receipt"));
        assertThat(receiver.received().get(1).body()).isEmpty();
    }

    @Test
    void aRedirectWithoutLocationOrToAnotherSchemeIsPermanent() {
        receiver.on("/nowhere", Receiver.status(302, ""));
        receiver.on("/invalid", Receiver.redirect(302, "/a b"));
        receiver.on("/file", Receiver.redirect(302, "file:///etc/passwd"));

        DeliveryException nowhere = failure(() -> sender().send(receiver.url("/nowhere"), "json", SECRET, firstSale()));
        DeliveryException invalid = failure(() -> sender().send(receiver.url("/invalid"), "json", SECRET, firstSale()));
        DeliveryException file = failure(() -> sender().send(receiver.url("/file"), "json", SECRET, firstSale()));

        assertThat(nowhere.permanent()).isTrue();
        assertThat(nowhere.getMessage()).isEqualTo("the webhook answered 302 without a Location");
        assertThat(invalid.permanent()).isTrue();
        assertThat(invalid.getMessage()).isEqualTo("the webhook redirected to an invalid Location");
        assertThat(file.permanent()).isTrue();
        assertThat(file.getMessage()).isEqualTo("webhook URL refused: must use http or https");
    }

    @Test
    void aRedirectToAPrivateAddressIsRefused() throws Exception {
        WebhookSender strict = strictSenderWhereLocalhostLooksPublic(WebhookSenderTest::localhostLooksPublic);
        receiver.on("/to-public", Receiver.redirect(302, viaLocalhost("/final").toString()));
        receiver.on("/to-private", Receiver.redirect(302, receiver.url("/final").toString()));

        strict.send(viaLocalhost("/to-public"), "json", SECRET, firstSale());
        DeliveryException e = failure(() -> strict.send(viaLocalhost("/to-private"), "json", SECRET, firstSale()));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("webhook URL refused: must point at a public address, but 127.0.0.1 is loopback");
        assertThat(receiver.paths()).containsExactly("/to-public", "/final", "/to-private");
    }

    /** Checked when subscribing, and again when sending: DNS may since point elsewhere. */
    @Test
    void aNameThatNowPointsAtAPrivateAddressIsRefusedWhenSending() throws Exception {
        AtomicReference<String> localhostIs = new AtomicReference<>("93.184.215.14");
        WebhookGuard.Resolver changing = host -> host.equals("localhost")
                ? new InetAddress[] {InetAddress.getByName(localhostIs.get())} : InetAddress.getAllByName(host);
        WebhookSender strict = strictSenderWhereLocalhostLooksPublic(changing);
        new WebhookGuard(false, changing).check(viaLocalhost("/hook"));
        strict.send(viaLocalhost("/hook"), "json", SECRET, firstSale());

        localhostIs.set("127.0.0.1");
        DeliveryException e = failure(() -> strict.send(viaLocalhost("/hook"), "json", SECRET, firstSale()));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("webhook URL refused: must point at a public address, but localhost is loopback");
        assertThat(receiver.paths()).containsExactly("/hook");
    }

    @Test
    void aPrivateAddressIsNotCalledUnlessAllowed() {
        WebhookSender strict = new WebhookSender(new WebhookGuard(false), Messages.JSON);
        DeliveryException e = failure(() -> strict.send(receiver.url("/hook"), "json", SECRET, firstSale()));
        assertThat(e.permanent()).isTrue();
        assertThat(receiver.received()).isEmpty();
    }
}
