package io.tracktion.launcher.config;

import io.tracktion.launcher.LaunchException;
import java.util.Map;
import java.util.Optional;

/**
 * The user's environment variables. A variable the user set (non-blank) always wins over the launcher's
 * default; a blank one counts as unset.
 */
public final class Settings {

    private final Map<String, String> env;

    public Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Settings fromSystem() {
        return new Settings(System.getenv());
    }

    /** The user's value, if set and not blank. */
    public Optional<String> userValue(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public boolean isSet(String name) {
        return userValue(name).isPresent();
    }

    public String get(String name, String defaultValue) {
        return userValue(name).orElse(defaultValue);
    }

    /** Every variable, as given (for lookups that take an environment, e.g. where a JDK is). */
    public Map<String, String> environment() {
        return env;
    }

    /** A TCP port: the user's value if set, else the default. */
    public int port(String name, int defaultValue) throws LaunchException {
        Optional<String> value = userValue(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new LaunchException(name + " must be a port number between 1 and 65535, not '" + value.get() + "'.");
    }
}
