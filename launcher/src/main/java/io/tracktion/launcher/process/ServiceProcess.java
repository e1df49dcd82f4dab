package io.tracktion.launcher.process;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child process (typically a service JVM) whose stdout and stderr are appended to its own log file.
 * Used by {@code ./tracktion up} and by the end-to-end tests.
 *
 * <p>The child gets its own session (via {@code setsid}, where available): a Ctrl-C in the terminal then
 * reaches only the parent, which stops its children in order instead of all of them dying at once. The
 * flip side: nothing stops a child when its parent dies, so always {@link #stop} or {@link #kill} it.
 *
 * <p>Each start appends a header line to the log; {@link #logTail} covers only this run.
 */
public final class ServiceProcess {

    private static final int TAIL_WINDOW_BYTES = 64 * 1024;
    private static final Duration HEALTH_POLL = Duration.ofMillis(500);
    private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long logStart;

    private ServiceProcess(String name, Process process, Path logFile, long logStart) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
    }

    /**
     * Runs {@code java <jvmArgs> -jar <jar>} with the Java running this code, in the current directory.
     *
     * @param env added to (and winning over) this process's own environment
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> env, Path logFile,
                                       List<String> jvmArgs) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(name + ": " + jar + " does not exist (not built yet?)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return startCommand(name, command, env, Path.of("").toAbsolutePath(), logFile);
    }

    /** Runs any command, e.g. {@code java -cp ... SomeMain}. {@code env} is added to this process's environment. */
    public static ServiceProcess startCommand(String name, List<String> command, Map<String, String> env,
                                              Path workingDir, Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.writeString(logFile, "=== " + name + " started " + Instant.now() + " ===" + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        long logStart = Files.size(logFile);
        ProcessBuilder builder = new ProcessBuilder(withOwnSession(command))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return new ServiceProcess(name, builder.start(), logFile, logStart);
    }

    /** The {@code java} of the running JVM: children run on the same Java as their parent. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static List<String> withOwnSession(List<String> command) {
        // setsid only forks when the caller leads a process group, which a freshly spawned child does not:
        // the pid we hold stays the command's own pid, so our signals reach it.
        return Setsid.path()
                .map(setsid -> Stream.concat(Stream.of(setsid), command.stream()).toList())
                .orElse(command);
    }

    /**
     * Polls {@code GET healthUrl} until it answers 200.
     *
     * @throws NotHealthyException if the process exits first or {@code timeout} passes; the message names the
     *                             process and shows the tail of its log
     */
    public void waitForHealth(URI healthUrl, Duration timeout) throws NotHealthyException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!isAlive()) {
                throw new NotHealthyException(failureReport(name + " exited with code " + exitCode() + " while starting.", 30));
            }
            if (answers200(request)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new NotHealthyException(failureReport(name + " did not answer " + healthUrl + " with 200 within "
                        + timeout.toSeconds() + " s.", 30));
            }
            process.waitFor(HEALTH_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean answers200(HttpRequest request) throws InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. A child ended by a signal has 128 + the signal's number (SIGTERM: 143). */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for the process to end by itself; false if it still runs after {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * SIGTERM (the child's shutdown hooks run), then SIGKILL if it still runs after {@code grace}. Returns once
     * it is gone. If interrupted while waiting, kills it at once and keeps the interrupt flag.
     *
     * @return false if it had to be killed, true if it ended by itself (or had already)
     */
    public boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return false;
    }

    /** SIGKILL, as in a crash: no shutdown hook runs. Returns once it is gone (at most ~10 s). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines this run wrote to the log (earlier runs in the same file are left out). */
    public List<String> logTail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(logStart, file.length() - TAIL_WINDOW_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + logFile + ": " + e.getMessage() + ")");
        }
    }

    /** {@code what}, then the log's path and its last {@code tailLines} lines: what a person needs when a child fails. */
    public String failureReport(String what, int tailLines) {
        return what + System.lineSeparator()
                + "Last " + tailLines + " lines of " + logFile + ":" + System.lineSeparator()
                + String.join(System.lineSeparator(), logTail(tailLines).stream().map(l -> "  | " + l).toList());
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
