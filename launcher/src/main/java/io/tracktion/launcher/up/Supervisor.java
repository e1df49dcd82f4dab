package io.tracktion.launcher.up;

import io.tracktion.launcher.process.ServiceProcess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the launcher started, in start order. {@link #stopAll} stops it in reverse order, once, whether
 * called from the Ctrl-C shutdown hook or after a failure.
 *
 * <p>Starting goes through {@link #start} under the same lock as {@link #stopAll}, so a Ctrl-C that arrives
 * while something starts cannot leave it running: it is either registered before the stop, or never started.
 */
public final class Supervisor {

    private record Started(String name, Stop stop) {
    }

    private final Deque<Started> started = new ArrayDeque<>();
    private final List<ServiceProcess> watched = new ArrayList<>();
    private final Consumer<String> out;
    private boolean stopping;

    /** @param out where to say what is being stopped */
    public Supervisor(Consumer<String> out) {
        this.out = out;
    }

    /**
     * Starts something and registers how to stop it.
     *
     * @throws InterruptedException if a stop has begun (nothing is started then)
     */
    public synchronized <T> T start(String name, Starter<T> starter, Stopper<? super T> stopper) throws Exception {
        if (stopping) {
            throw new InterruptedException("stopping");
        }
        T thing = starter.start();
        started.push(new Started(name, () -> stopper.stop(thing)));
        return thing;
    }

    /** Watch this process for an unexpected exit (see {@link #firstExited}). */
    public synchronized void watch(ServiceProcess process) {
        watched.add(process);
    }

    public synchronized boolean isStopping() {
        return stopping;
    }

    /** The first watched process that has exited, unless we are stopping anyway. */
    public synchronized Optional<ServiceProcess> firstExited() {
        if (stopping) {
            return Optional.empty();
        }
        return watched.stream().filter(p -> !p.isAlive()).findFirst();
    }

    /** Stops everything in reverse start order. False if there was nothing to stop, or a stop had begun. */
    public synchronized boolean stopAll() {
        if (stopping) {
            return false;
        }
        stopping = true;
        boolean anything = !started.isEmpty();
        while (!started.isEmpty()) {
            Started thing = started.pop();
            out.accept("Stopping " + thing.name() + "…");
            try {
                thing.stop().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                out.accept("  could not stop " + thing.name() + " cleanly: " + e.getMessage());
            }
        }
        return anything;
    }

    @FunctionalInterface
    public interface Starter<T> {
        T start() throws Exception;
    }

    @FunctionalInterface
    public interface Stopper<T> {
        void stop(T thing) throws Exception;
    }

    @FunctionalInterface
    private interface Stop {
        void run() throws Exception;
    }
}
