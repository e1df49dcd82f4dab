package io.tracktion.ingestor.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The User-Agent of every request to Bandcamp: Tracktion, its version, and what it does. */
public final class UserAgent {

    private UserAgent() {
    }

    public static String value() {
        return "Tracktion/" + version() + " (Bandcamp sales analytics; +https://github.com/tracktion/tracktion)";
    }

    /** The project version, written into {@code tracktion-version.properties} by the build. */
    public static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/tracktion-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
