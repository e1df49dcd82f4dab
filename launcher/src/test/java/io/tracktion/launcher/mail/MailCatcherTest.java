package io.tracktion.launcher.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.process.Ports;
import io.tracktion.launcher.process.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real GreenMail process, from the jar the build copied to target/mail-catcher, on free ports. */
@Timeout(120)
class MailCatcherTest {

    @TempDir
    Path dir;

    @Test
    void catchesMailSentOverSmtpAndShowsItThroughItsApi() throws Exception {
        int smtpPort = Ports.findFree();
        MailCatcher catcher = new MailCatcher(Repo.locate().mailCatcherJar(), smtpPort, Ports.findFree());
        ServiceProcess process = ServiceProcess.startCommand("mail catcher", catcher.command(), Map.of(), dir,
                dir.resolve("logs/mail-catcher.log"));
        try {
            process.waitForHealth(catcher.readinessUrl(), Duration.ofSeconds(60));
            send(smtpPort, "you@example.com", "Spike: store");
            HttpResponse<String> inbox = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(catcher.inboxUrl("you@example.com")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, inbox.statusCode());
            assertTrue(inbox.body().contains("\"subject\":\"Spike: store\""), inbox.body());
            assertTrue(process.stop(Duration.ofSeconds(20)), "ended within the grace period");
        } finally {
            process.kill();
        }
        assertEquals(143, process.exitCode(), "stopped by SIGTERM");
    }

    /** The least SMTP conversation that delivers a message, each command answered before the next. */
    private static void send(int port, String to, String subject) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            expect(in, "220");
            for (String[] step : new String[][] {{"HELO test", "250"}, {"MAIL FROM:<alerts@tracktion.localhost>", "250"},
                    {"RCPT TO:<" + to + ">", "250"}, {"DATA", "354"},
                    {"Subject: " + subject + "\r\nTo: " + to + "\r\n\r\nA sale.\r\n.", "250"}, {"QUIT", "221"}}) {
                out.print(step[0] + "\r\n");
                out.flush();
                expect(in, step[1]);
            }
        }
    }

    /** Reads one reply, its continuation lines ({@code 250-...}) included, and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            assertTrue(line != null && line.startsWith(code), "expected " + code + ", got " + line);
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
