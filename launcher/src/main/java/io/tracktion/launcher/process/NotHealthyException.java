package io.tracktion.launcher.process;

/**
 * A {@link ServiceProcess} did not become healthy: it exited, or did not answer in time. The message says
 * which and shows the tail of its log.
 */
public final class NotHealthyException extends Exception {

    public NotHealthyException(String message) {
        super(message);
    }
}
