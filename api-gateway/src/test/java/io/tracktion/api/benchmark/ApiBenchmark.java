package io.tracktion.api.benchmark;

import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.RunningApi;
import io.tracktion.schemas.EntityIds;
import io.tracktion.testsupport.Postgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Latency of each analytics endpoint with {@code sales} sales loaded ({@link SalesGenerator}: default 10 million over
 * 90 days), one request at a time, each with its own random entity or range; prints p50, p99 and the maximum per
 * endpoint as a table for BENCHMARKS.md (at most {@code requests} per endpoint, fewer where they take over 40 s). Not a test: run it by hand from api-gateway,
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/test.cp) io.tracktion.api.benchmark.ApiBenchmark [sales [days [requests [data directory]]]]
 * </pre>
 *
 * The generated database stays in the data directory (default {@code target/benchmark-postgres}) for the next run.
 */
public final class ApiBenchmark {

    private static final int WARM_UP = 10;
    /** Past this, an endpoint's run ends with fewer requests: a slow one would otherwise take hours. */
    private static final Duration BUDGET = Duration.ofSeconds(40);

    private final Random random = new Random(42);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sales = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        // Generating 10 million sales takes the best part of an hour here: keep them for the next run.
        Path dataDirectory = Path.of(args.length > 3 ? args[3] : "target/benchmark-postgres");
        // A cache of a production-sized server (a quarter of a 8 GB RDS instance), not the embedded default of 128 MB.
        Postgres postgres = new Postgres().withDataDirectory(dataDirectory)
                .withServerConfig("shared_buffers", "2GB").withServerConfig("work_mem", "32MB")
                .withServerConfig("maintenance_work_mem", "512MB").withServerConfig("max_wal_size", "8GB");
        postgres.start();
        try {
            String database = "benchmark_" + sales + "_" + days;
            if (postgres.databaseExists(database)) {
                System.out.println("Sales generated before, in " + dataDirectory.toAbsolutePath() + ": database " + database);
            } else {
                // Named once complete, so that a run cut short leaves nothing to be taken for it.
                String partial = database + "_partial";
                postgres.execute("postgres", "DROP DATABASE IF EXISTS " + partial);
                postgres.createDatabase(partial);
                postgres.migrate(partial);
                new SalesGenerator(postgres.dataSource(partial)).generate(sales, days);
                postgres.execute("postgres", "ALTER DATABASE " + partial + " RENAME TO " + database);
            }
            try (RunningApi api = RunningApi.start(postgres, database)) {
                new ApiBenchmark().run(api, requests);
            }
        } finally {
            postgres.stop();
        }
    }

    private void run(RunningApi api, int requests) {
        System.out.printf(Locale.ROOT, "%n| endpoint | requests | p50 ms | p99 ms | max ms | not 200 |%n"
                + "|---|---:|---:|---:|---:|---:|%n");
        // -Dbench.only=coverage: only the endpoints whose name contains it, to measure one change.
        String only = System.getProperty("bench.only", "");
        for (Map.Entry<String, Supplier<String>> endpoint : endpoints().entrySet()) {
            if (!endpoint.getKey().contains(only)) {
                continue;
            }
            long warm = System.nanoTime() + BUDGET.toNanos() / 4;
            for (int i = 0; i < WARM_UP && System.nanoTime() < warm; i++) {
                call(api, endpoint.getValue().get());
            }
            double[] millis = new double[requests];
            Map<Integer, Integer> failures = new TreeMap<>();
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int made = 0;
            while (made < requests && System.nanoTime() < deadline) {
                String path = endpoint.getValue().get();
                long start = System.nanoTime();
                int status = call(api, path);
                millis[made++] = (System.nanoTime() - start) / 1e6;
                if (status != 200) {
                    failures.merge(status, 1, Integer::sum);
                }
            }
            millis = Arrays.copyOf(millis, made);
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "| `%s` | %d | %.1f | %.1f | %.1f | %s |%n", endpoint.getKey(), made,
                    percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1],
                    failures.isEmpty() ? "0" : failures.toString());
        }
    }

    /** Each endpoint of the analytics API, as a client calls it, with a path made anew for each request. */
    private Map<String, Supplier<String>> endpoints() {
        Map<String, Supplier<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("GET /api/v1/stats/timeseries (store, 24 h by hour)", () -> "/api/v1/stats/timeseries?to=" + recent());
        endpoints.put("GET /api/v1/stats/timeseries?interval=minute (store, 6 h)", () -> {
            Instant to = recent();
            return "/api/v1/stats/timeseries?interval=minute&from=" + to.minus(Duration.ofHours(6)) + "&to=" + to;
        });
        endpoints.put("GET /api/v1/stats/timeseries?interval=day&dimension=artist (30 days)", () ->
                "/api/v1/stats/timeseries?interval=day&dimension=artist&id=" + artist() + "&from="
                        + now.minus(Duration.ofDays(30)));
        for (String dimension : List.of("artists", "releases", "labels", "genres", "tags", "countries", "kinds")) {
            endpoints.put("GET /api/v1/top/" + dimension + " (24 h)", () -> {
                Instant to = recent();
                return "/api/v1/top/" + dimension + "?from=" + to.minus(Duration.ofHours(24)) + "&to=" + to;
            });
        }
        endpoints.put("GET /api/v1/top/artists (30 days)", () -> {
            Instant to = recent();
            return "/api/v1/top/artists?limit=100&from=" + to.minus(Duration.ofDays(30)) + "&to=" + to;
        });
        endpoints.put("GET /api/v1/top/tags?by=units (7 days)", () -> {
            Instant to = recent();
            return "/api/v1/top/tags?by=units&from=" + to.minus(Duration.ofDays(7)) + "&to=" + to;
        });
        endpoints.put("GET /api/v1/trending/artists?window=24h", () -> "/api/v1/trending/artists?window=24h");
        endpoints.put("GET /api/v1/signals", () -> "/api/v1/signals?limit=50");
        endpoints.put("GET /api/v1/signals?dimension=artist&id", () -> "/api/v1/signals?dimension=artist&id=" + artist());
        endpoints.put("GET /api/v1/artists/{id} (30 days)", () -> "/api/v1/artists/" + artist());
        endpoints.put("GET /api/v1/labels/{id} (30 days)", () ->
                "/api/v1/labels/" + EntityIds.label(SalesGenerator.labelUrl(skewed(SalesGenerator.LABELS))));
        endpoints.put("GET /api/v1/releases/{id} (30 days)", () ->
                "/api/v1/releases/" + EntityIds.release(SalesGenerator.releaseUrl(skewed(SalesGenerator.RELEASES))));
        endpoints.put("GET /api/v1/tags/{name} (30 days, descriptive)", () ->
                "/api/v1/tags/" + SalesGenerator.tagName(random.nextInt(SalesGenerator.TAGS)));
        endpoints.put("GET /api/v1/tags/{name} (30 days, a genre)", () ->
                "/api/v1/tags/" + SalesGenerator.GENRES[random.nextInt(SalesGenerator.GENRES.length)]);
        endpoints.put("GET /api/v1/artists?url=", () -> "/api/v1/artists?url=" + URLEncoder.encode(
                SalesGenerator.artistUrl(random.nextInt(SalesGenerator.ARTISTS)) + "/", StandardCharsets.UTF_8));
        endpoints.put("GET /api/v1/matrix?rows=genres&cols=countries (24 h)", () -> {
            Instant to = recent();
            return "/api/v1/matrix?rows=genres&cols=countries&from=" + to.minus(Duration.ofHours(24)) + "&to=" + to;
        });
        endpoints.put("GET /api/v1/coverage (24 h)", () -> "/api/v1/coverage?from=" + recent().minus(Duration.ofHours(24)));
        endpoints.put("GET /api/v1/sales?limit=50", () -> "/api/v1/sales?limit=50");
        endpoints.put("GET /api/v1/stats/summary (all time)", () -> "/api/v1/stats/summary");
        return endpoints;
    }

    /** A time in the last week, to the second: ranges that end there are summed from days, hours and minutes. */
    private Instant recent() {
        return now.minusSeconds(random.nextInt(7 * 86_400));
    }

    /** An artist drawn as the sales draw them: mostly the best sellers. */
    private String artist() {
        return EntityIds.artist(SalesGenerator.artistUrl(SalesGenerator.artistOf(skewed(SalesGenerator.RELEASES))));
    }

    private int skewed(int bound) {
        return (int) Math.floor(bound * Math.pow(random.nextDouble(), 3));
    }

    /** The status; a 503 (a statement past API_STATEMENT_TIMEOUT) is counted, anything else but 200 is a defect. */
    private static int call(RunningApi api, String path) {
        ApiResponse response = api.get(path);
        if (response.status() != 200 && response.status() != 503) {
            throw new IllegalStateException("GET " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.status();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
