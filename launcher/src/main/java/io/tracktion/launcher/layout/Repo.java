package io.tracktion.launcher.layout;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The Tracktion repository checkout, and where its build puts things: each module's jar in
 * {@code <module>/target}, the Kafka broker's classpath in {@code launcher/target/kafka-lib}, the mail
 * catcher's jar in {@code launcher/target/mail-catcher}.
 */
public record Repo(Path root) {

    /** The project's version: part of every jar's name. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    public Repo {
        root = root.toAbsolutePath().normalize();
    }

    /** The repository containing {@code start} (or {@code start} itself): the nearest folder with the root pom and {@code launcher/}. */
    public static Optional<Repo> findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("launcher/pom.xml"))) {
                return Optional.of(new Repo(dir));
            }
        }
        return Optional.empty();
    }

    /**
     * The repository around the current directory (a module's folder when Maven runs its tests), else around
     * the jar or classes folder this class was loaded from.
     *
     * @throws IllegalStateException if neither lies in a Tracktion checkout
     */
    public static Repo locate() {
        return findFrom(Path.of("")).or(Repo::aroundThisCode).orElseThrow(() -> new IllegalStateException(
                "Cannot find the Tracktion repository from " + Path.of("").toAbsolutePath()
                        + ": no parent folder holds pom.xml and launcher/pom.xml."));
    }

    /** The repository holding the launcher's own jar or classes, e.g. {@code <repo>/launcher/target/...}. */
    public static Optional<Repo> aroundThisCode() {
        CodeSource source = Repo.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            return findFrom(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException notAFile) {
            return Optional.empty();
        }
    }

    public Path module(String module) {
        return root.resolve(module);
    }

    /** A service's runnable jar, e.g. {@code ingestor-service/target/ingestor-service-0.1.0-SNAPSHOT.jar}. */
    public Path serviceJar(String module) {
        return module(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    /** The Bandcamp simulator's runnable jar (shaded, classifier {@code all}). */
    public Path simulatorJar() {
        return module("bandcamp-simulator").resolve("target").resolve("bandcamp-simulator-" + VERSION + "-all.jar");
    }

    /** The launcher's runnable jar, which {@code ./tracktion} runs. */
    public Path launcherJar() {
        return module("launcher").resolve("target").resolve("launcher-" + VERSION + "-all.jar");
    }

    /** The Kafka broker's classpath (kafka_2.13 with its dependencies and a log4j2 binding), copied by the launcher's build. */
    public Path kafkaLibDir() {
        return module("launcher").resolve("target").resolve("kafka-lib");
    }

    /** GreenMail's runnable jar (the mail catcher {@code up} starts unless SMTP_HOST is set), copied by the launcher's build. */
    public Path mailCatcherJar() {
        return module("launcher").resolve("target").resolve("mail-catcher").resolve("greenmail-standalone.jar");
    }
}
