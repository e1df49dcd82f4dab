package io.tracktion.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standalone process: configured by environment, one startup line with its URL, clean stop on SIGTERM. */
@Timeout(60)
class SimulatorMainTest {

    @Test
    void environmentOverridesDefaults() {
        try (BandcampSimulator simulator = SimulatorMain.fromEnvironment(Map.of(
                "SIM_PORT", "0", "SIM_SEED", "7", "SIM_SALES_PER_MINUTE", "2.5", "SIM_WINDOW_SECONDS", "300",
                "SIM_DATA_DELAY_SEC", "60", "SIM_BIND", " 127.0.0.1 ")).build().start()) {
            assertEquals(7, simulator.seed());
            assertEquals(2.5, simulator.salesPerMinute());
            var window = new FeedClient(simulator.baseUrl()).initial();
            assertEquals(300, window.get("end_date").asLong() - window.get("start_date").asLong());
            assertEquals(60, window.get("data_delay_sec").asInt());
        }
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        try (BandcampSimulator simulator = SimulatorMain.fromEnvironment(Map.of("SIM_PORT", "0")).build().start()) {
            assertEquals(42, simulator.seed());
            assertEquals(30, simulator.salesPerMinute());
            assertTrue(simulator.baseUrl().startsWith("http://127.0.0.1:"));
            var window = new FeedClient(simulator.baseUrl()).initial();
            assertEquals(600, window.get("end_date").asLong() - window.get("start_date").asLong());
            assertEquals(120, window.get("data_delay_sec").asInt());
        }
    }

    @Test
    void invalidSettingsAreRejectedWithTheVariableName() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.fromEnvironment(Map.of("SIM_SEED", "forty-two")));
        assertTrue(notANumber.getMessage().contains("SIM_SEED"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.fromEnvironment(Map.of("SIM_PORT", "70000")).build());
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.fromEnvironment(Map.of("SIM_WINDOW_SECONDS", "10")).build());
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.fromEnvironment(Map.of("SIM_SALES_PER_MINUTE", "-1")).build());
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.fromEnvironment(Map.of("SIM_SALES_PER_MINUTE", "NaN")).build());
    }

    @Test
    void runsAsAProcessAndStopsCleanlyOnSigterm() throws Exception {
        try (SimulatorProcess simulator = SimulatorProcess.start(Map.of("SIM_PORT", "0", "SIM_SEED", "5"))) {
            List<String> output = simulator.output();
            assertNotNull(simulator.baseUrl(), "startup line in " + output);
            HttpResponse<byte[]> health = new FeedClient(simulator.baseUrl()).get("/health");
            assertEquals(200, health.statusCode());

            Process process = simulator.process();
            process.toHandle().destroy(); // SIGTERM; unlike Process.destroy() it leaves stdout open to read the rest
            simulator.readToEnd();
            int exit = process.waitFor();
            assertEquals(143, exit, "terminated by SIGTERM after the shutdown hook; output " + output);
            assertTrue(output.stream().anyMatch(l -> l.contains("Bandcamp simulator stopped")), output.toString());
            assertEquals(1, output.stream().filter(l -> l.contains("listening on")).count());
        }
    }
}
