package io.tracktion.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How the mail server's replies are read, against a real SMTP conversation: a 5xx refusal is for good (it counts
 * towards disabling the subscription), a 4xx one is tried again later.
 */
class EmailSenderTest {

    static final Rendered MESSAGE = new Rendered("Subject", "text", "<p>html</p>");

    @Test
    void aMailboxTheServerDoesNotHaveIsRefusedForGood() throws Exception {
        DeliveryException e = sendThrough("550 5.1.1 <nobody@example.com>: no such user", "250 queued");
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("refused nobody@example.com", "550", "no such user");
    }

    @Test
    void aMailboxThatIsBusyIsTriedAgain() throws Exception {
        DeliveryException e = sendThrough("451 4.2.1 mailbox busy, try later", "250 queued");
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("451");
    }

    @Test
    void aMessageRejectedAfterItsDataIsRefusedForGoodAndAFullQueueIsTriedAgain() throws Exception {
        assertThat(sendThrough("250 ok", "554 5.7.1 message rejected as spam").permanent()).isTrue();
        assertThat(sendThrough("250 ok", "452 4.3.1 insufficient storage").permanent()).isFalse();
    }

    @Test
    void aServerThatIsNotThereIsTriedAgain() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sender(port)
                .send("fan@example.com", MESSAGE, "<1@tracktion>", "http://x/u"));
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("cannot reach the mail server");
    }

    /** Sends one message through a server that answers RCPT and the end of DATA as told, everything else with 250. */
    private static DeliveryException sendThrough(String rcptReply, String dataReply) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread smtp = new Thread(() -> converse(server, rcptReply, dataReply), "scripted-smtp");
            smtp.setDaemon(true);
            smtp.start();
            DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sender(server.getLocalPort())
                    .send("nobody@example.com", MESSAGE, "<1@tracktion>", "http://x/u"));
            smtp.join(10_000);
            assertThat(e).as("the send failed").isNotNull();
            return e;
        }
    }

    private static void converse(ServerSocket server, String rcptReply, String dataReply) {
        try (Socket socket = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
                switch (command) {
                    case "RCPT" -> reply(out, rcptReply);
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message
                        }
                        reply(out, dataReply);
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away: the test's assertions tell what happened
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    private static EmailSender sender(int port) {
        return new EmailSender("127.0.0.1", port, "", "", "Tracktion <alerts@tracktion.example>", false);
    }
}
