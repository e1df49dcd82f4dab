package io.tracktion.launcher.mail;

import io.tracktion.launcher.process.ServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run GreenMail as a local mail catcher: an SMTP server that accepts mail for any address without
 * sending it on, and shows what it caught through a REST API. Both listen on 127.0.0.1 only; caught mail is
 * kept in memory, so a restart empties it.
 */
public final class MailCatcher {

    /** Where the SMTP server and the API listen. */
    public static final String HOST = "127.0.0.1";

    private final Path jar;
    private final int smtpPort;
    private final int apiPort;

    public MailCatcher(Path jar, int smtpPort, int apiPort) {
        this.jar = jar;
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
    }

    /** The REST API's root URL. */
    public URI apiUrl() {
        return URI.create("http://" + HOST + ":" + apiPort);
    }

    /** 200 once the SMTP server and the API are up. */
    public URI readinessUrl() {
        return apiUrl().resolve("/api/service/readiness");
    }

    /** The mail caught for {@code address}, as JSON: each message's subject and its raw MIME text. */
    public URI inboxUrl(String address) {
        return apiUrl().resolve("/api/user/" + address + "/messages/INBOX");
    }

    public List<String> command() {
        return List.of(ServiceProcess.javaExecutable().toString(),
                // Small and quick to start: it holds a few messages.
                "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dgreenmail.smtp.hostname=" + HOST, "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.hostname=" + HOST,
                "-Dgreenmail.api.hostname=" + HOST, "-Dgreenmail.api.port=" + apiPort,
                // Logs each SMTP conversation: what a service sent, and when.
                "-Dgreenmail.verbose",
                "-jar", jar.toString());
    }
}
