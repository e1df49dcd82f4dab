package io.tracktion.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A registry process for tests, on free ports (or a port of the caller's choosing), with in-memory storage or a
 * PostgreSQL database of its own: started, waited for, and destroyed with {@link #close()} (or when the JVM exits).
 */
public final class LocalRegistry implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI url;
    private final Path logFile;

    private LocalRegistry(Process process, URI url, Path logFile) {
        this.process = process;
        this.url = url;
        this.logFile = logFile;
    }

    /** Starts one with in-memory storage and waits until it is ready; its output goes to a temporary log file. */
    public static LocalRegistry start() throws RegistryException, IOException, InterruptedException {
        return startOn(freePort(), null);
    }

    /** The same on a port of the caller's choosing, e.g. one a service was told about before the registry ran. */
    public static LocalRegistry startOn(int port) throws RegistryException, IOException, InterruptedException {
        return startOn(port, null);
    }

    /** @param storage a database that keeps schemas and ids across restarts, as in production; null for memory */
    public static LocalRegistry startOn(int port, RegistryServer.PostgresStorage storage)
            throws RegistryException, IOException, InterruptedException {
        RegistryServer server = new RegistryServer(RegistryDistribution.locate(), RegistryJava.find(System.getenv()),
                port, freePortOtherThan(port), storage);
        Path logFile = Files.createTempFile("tracktion-schema-registry-", ".log");
        Process process = server.start(logFile);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "schema-registry-stop"));
        try {
            server.awaitReady(process, READY_TIMEOUT, logFile);
        } catch (RegistryException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        return new LocalRegistry(process, server.url(), logFile);
    }

    /** The registry's root URL. */
    public URI url() {
        return url;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A free port that is not {@code taken}: the kernel may hand out the port just closed again, and a management
     * interface on the HTTP port would leave the registry without its health endpoints.
     */
    static int freePortOtherThan(int taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort();
            if (port != taken) {
                return port;
            }
        }
        throw new IllegalStateException("No free port other than " + taken + " on the loopback interface");
    }

    /** A port nothing listens on now, on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }
}
