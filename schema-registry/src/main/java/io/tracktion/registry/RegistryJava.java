package io.tracktion.registry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Java 21+ for the registry (Apicurio Registry 3.3 is built for 21) while the services stay on 17:
 * {@code REGISTRY_JAVA_HOME} if set, else the Java running this code or {@code JAVA_HOME} if new enough, else the
 * newest JDK in the usual folders.
 */
public final class RegistryJava {

    public static final int MINIMUM_VERSION = 21;
    public static final String HOME_VARIABLE = "REGISTRY_JAVA_HOME";

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /** A JDK or JRE: its folder and feature version (21, 25, …). */
    public record Jdk(Path home, int version) {
        public Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    private RegistryJava() {
    }

    /** The Java to run the registry with, looked for as the class comment says. */
    public static Jdk find(Map<String, String> env) throws RegistryException {
        String configured = env.get(HOME_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured.strip());
            Optional<Integer> version = versionOf(home);
            if (version.isEmpty()) {
                throw new RegistryException(HOME_VARIABLE + "=" + configured + " is not a Java installation (no "
                        + "bin/java and release file there).");
            }
            if (version.get() < MINIMUM_VERSION) {
                throw new RegistryException(HOME_VARIABLE + "=" + configured + " is Java " + version.get()
                        + "; the schema registry needs Java " + MINIMUM_VERSION + " or newer.");
            }
            return new Jdk(home, version.get());
        }
        List<Path> preferred = new ArrayList<>();
        preferred.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(env.get("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(preferred::add);
        for (Path home : preferred) {
            Optional<Integer> version = versionOf(home);
            if (version.isPresent() && version.get() >= MINIMUM_VERSION) {
                return new Jdk(home, version.get());
            }
        }
        List<Path> folders = usualFolders(env);
        return installed(folders).stream()
                .filter(jdk -> jdk.version() >= MINIMUM_VERSION)
                .max(Comparator.comparingInt(Jdk::version))
                .orElseThrow(() -> new RegistryException("The schema registry (Apicurio Registry) needs Java "
                        + MINIMUM_VERSION + " or newer, and none was found (looked at java.home, JAVA_HOME and in "
                        + folders + "). Install a JDK " + MINIMUM_VERSION + "+ (e.g. Eclipse Temurin 21 or 25, or "
                        + "your system's openjdk-21-jdk-headless package), or set " + HOME_VARIABLE
                        + " to its folder. Tracktion's own services keep running on Java 17."));
    }

    /** Where JDKs are usually installed: Debian and Red Hat, /opt, SDKMAN!, IntelliJ, macOS. */
    static List<Path> usualFolders(Map<String, String> env) {
        String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
        return List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"), Path.of("/opt"),
                Path.of(userHome, ".sdkman", "candidates", "java"), Path.of(userHome, ".jdks"),
                Path.of("/Library/Java/JavaVirtualMachines"));
    }

    /** The Java installations directly inside the folders (macOS's are in {@code <jdk>/Contents/Home}). */
    static List<Jdk> installed(List<Path> folders) {
        List<Jdk> found = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    for (Path home : List.of(entry, entry.resolve("Contents").resolve("Home"))) {
                        versionOf(home).ifPresent(version -> found.add(new Jdk(home, version)));
                    }
                }
            } catch (IOException unreadable) {
                // a folder we may not list holds nothing we can use
            }
        }
        return found;
    }

    /** The feature version from the installation's {@code release} file, if it has one and a bin/java. */
    static Optional<Integer> versionOf(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(release));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
