package io.tracktion.launcher.up;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * The launcher's output: one line per step ("Starting Kafka broker on localhost:9092… ready (4.1 s)").
 * Anything printed while a step is open first ends its line.
 */
public final class Console {

    private final PrintStream out;
    private Instant stepStarted;

    public Console(PrintStream out) {
        this.out = out;
    }

    public synchronized void step(String what) {
        endStep("");
        out.print(what + "… ");
        out.flush();
        stepStarted = Instant.now();
    }

    /** Ends the open step with "ready (n.n s)" and an optional detail. */
    public synchronized void ready(String detail) {
        if (stepStarted != null) {
            long millis = Duration.between(stepStarted, Instant.now()).toMillis();
            endStep(String.format("ready (%.1f s)%s", millis / 1000.0, detail.isEmpty() ? "" : ", " + detail));
        }
    }

    public synchronized void line(String text) {
        endStep("");
        out.println(text);
        out.flush();
    }

    private void endStep(String result) {
        if (stepStarted != null) {
            out.println(result);
            stepStarted = null;
        }
    }
}
