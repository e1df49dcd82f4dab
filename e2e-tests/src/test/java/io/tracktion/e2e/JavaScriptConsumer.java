package io.tracktion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracktion.launcher.layout.Repo;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code e2e-tests/js-consumer}: a Node.js consumer of {@code tracktion.sales} on kafkajs and Confluent's
 * official {@code @confluentinc/schemaregistry}, installed with {@code npm ci} from its committed lock file the
 * first time it is needed.
 */
final class JavaScriptConsumer {

    private static final Path DIR = Repo.locate().module("e2e-tests").resolve("js-consumer");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaScriptConsumer() {
    }

    /**
     * Runs the consumer until it has decoded {@code expect} distinct sales (or {@code timeout} passed) and returns
     * them as it printed them: saleId, magicByte, schemaId, soldAt, artist, title, itemType, currency, amountPaid,
     * amountPaidUsd (decimal strings) and countryCode.
     */
    /** What the consumer printed: the sales, and its log (stderr), for a failure message. */
    record Output(List<JsonNode> sales, String log) {
    }

    static Output readSales(String bootstrapServers, URI confluentApi, int expect, Duration timeout)
            throws IOException, InterruptedException {
        return run(bootstrapServers, confluentApi, "tracktion.sales", false, expect, timeout);
    }

    /** The first {@code expect} records of any topic, whole: key, partition, offset, schemaId and the decoded value. */
    static Output readRecords(String bootstrapServers, URI confluentApi, String topic, int expect, Duration timeout)
            throws IOException, InterruptedException {
        return run(bootstrapServers, confluentApi, topic, true, expect, timeout);
    }

    private static Output run(String bootstrapServers, URI confluentApi, String topic, boolean wholeRecords, int expect,
                              Duration timeout) throws IOException, InterruptedException {
        installIfNeeded();
        Path out = Files.createTempFile("js-consumer-", ".json");
        Path err = Files.createTempFile("js-consumer-", ".log");
        Process node = new ProcessBuilder("node", "consume-sales.mjs", "--bootstrap", bootstrapServers,
                "--registry", confluentApi.toString(), "--topic", topic, "--expect", String.valueOf(expect),
                "--timeout-ms", String.valueOf(timeout.toMillis()), "--records", String.valueOf(wholeRecords))
                .directory(DIR.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!node.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("The JavaScript consumer did not finish: " + Files.readString(err));
        }
        if (node.exitValue() != 0) {
            throw new AssertionError("The JavaScript consumer failed (exit " + node.exitValue() + "): "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        List<JsonNode> sales = new ArrayList<>();
        JSON.readTree(out.toFile()).forEach(sales::add);
        String log = Files.readString(err, StandardCharsets.UTF_8);
        if (!log.isBlank()) {
            System.out.println("The JavaScript consumer's log:" + System.lineSeparator() + log);
        }
        return new Output(sales, log);
    }

    /** {@code npm ci} unless node_modules holds exactly what the lock file says (npm's own record of it is newer). */
    private static synchronized void installIfNeeded() throws IOException, InterruptedException {
        Path installed = DIR.resolve("node_modules").resolve(".package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(DIR.resolve("package-lock.json"))) >= 0) {
            return;
        }
        Path log = Files.createTempFile("npm-ci-", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            throw new AssertionError("npm ci took longer than " + INSTALL_TIMEOUT + ": " + Files.readString(log));
        }
        if (npm.exitValue() != 0) {
            throw new AssertionError("npm ci failed in " + DIR + " (Node.js and npm are needed): " + Files.readString(log));
        }
    }
}
