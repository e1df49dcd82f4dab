package io.tracktion.launcher;

/**
 * A failure the user can act on. Its message is printed as is (no stack trace), so it must say what went
 * wrong and what to do about it.
 */
public class LaunchException extends Exception {

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
