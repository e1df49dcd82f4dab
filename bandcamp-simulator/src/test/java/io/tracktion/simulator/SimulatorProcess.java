package io.tracktion.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link SimulatorMain} as a process of its own, on this test's classpath, up once it logged its URL. */
final class SimulatorProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final BufferedReader lines;
    private final List<String> output = new ArrayList<>();
    private final String baseUrl;

    private SimulatorProcess(Process process) throws IOException {
        this.process = process;
        this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        String line;
        while (url == null && (line = lines.readLine()) != null) {
            output.add(line);
            Matcher matcher = LISTENING.matcher(line);
            url = matcher.find() ? matcher.group(1) : null;
        }
        this.baseUrl = url;
    }

    /** Starts it with {@code env} on top of this JVM's and {@code jvmArgs}; {@link #baseUrl()} is null if it never said. */
    static SimulatorProcess start(Map<String, String> env, String... jvmArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new SimulatorProcess(builder.start());
    }

    String baseUrl() {
        return baseUrl;
    }

    Process process() {
        return process;
    }

    /** Everything it printed so far, and, once it has ended, the rest. */
    List<String> output() {
        return output;
    }

    /** Reads its output to the end (it must be stopping). */
    void readToEnd() {
        lines.lines().forEach(output::add);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
