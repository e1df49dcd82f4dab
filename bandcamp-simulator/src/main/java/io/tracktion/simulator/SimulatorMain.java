package io.tracktion.simulator;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulator as its own process (the demo's {@code ./tracktion up --simulate}, load tests).
 * Configured by environment: SIM_PORT (8090), SIM_SEED (42), SIM_SALES_PER_MINUTE (30),
 * SIM_WINDOW_SECONDS (600), SIM_DATA_DELAY_SEC (120), SIM_BIND (127.0.0.1). Stops cleanly on SIGTERM.
 */
public final class SimulatorMain {

    static {
        // The logging config has its own name so the thin jar, used by other modules' tests, does not put a
        // second logback.xml on their classpath. Must run before the first logger is created.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "simulator-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        BandcampSimulator simulator;
        try {
            simulator = fromEnvironment(System.getenv()).build();
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid simulator configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        simulator.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            LOG.info("Bandcamp simulator stopped");
            stopped.countDown();
        }, "simulator-shutdown"));
        LOG.info("Bandcamp simulator listening on {} (seed {}, {} sales/min)",
                simulator.baseUrl(), simulator.seed(), simulator.salesPerMinute());
        stopped.await();
    }

    static BandcampSimulator.Builder fromEnvironment(Map<String, String> env) {
        return BandcampSimulator.builder()
                .port(setting(env, "SIM_PORT", 8090, Integer::parseInt))
                .seed(setting(env, "SIM_SEED", 42L, Long::parseLong))
                .salesPerMinute(setting(env, "SIM_SALES_PER_MINUTE", 30.0, Double::parseDouble))
                .windowSeconds(setting(env, "SIM_WINDOW_SECONDS", 600, Integer::parseInt))
                .dataDelaySec(setting(env, "SIM_DATA_DELAY_SEC", 120, Integer::parseInt))
                .bindAddress(setting(env, "SIM_BIND", "127.0.0.1", String::trim))
                // Standing alone, nobody asks for the items themselves: keep only totals and which were served.
                .keepServedItems(false);
    }

    private static <T> T setting(Map<String, String> env, String name, T defaultValue, Function<String, T> parser) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return parser.apply(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + raw);
        }
    }
}
