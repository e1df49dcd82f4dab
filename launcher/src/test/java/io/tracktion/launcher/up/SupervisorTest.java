package io.tracktion.launcher.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.launcher.process.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    private final List<String> stopped = new ArrayList<>();
    private final List<String> said = new ArrayList<>();
    private final Supervisor supervisor = new Supervisor(said::add);

    private void start(String name) throws Exception {
        supervisor.start(name, () -> name, stopped::add);
    }

    @Test
    void stopsInReverseStartOrderOnce() throws Exception {
        for (String name : List.of("Kafka", "PostgreSQL", "loader-service", "ingestor-service")) {
            start(name);
        }
        assertTrue(supervisor.stopAll());
        assertFalse(supervisor.stopAll(), "a second stop (shutdown hook after a failure) does nothing");
        assertEquals(List.of("ingestor-service", "loader-service", "PostgreSQL", "Kafka"), stopped);
        assertEquals("Stopping ingestor-service…", said.get(0));
    }

    @Test
    void aFailingStopDoesNotKeepTheOthersRunning() throws Exception {
        start("Kafka");
        supervisor.start("api-gateway", () -> "api-gateway", thing -> {
            throw new IllegalStateException("stuck");
        });
        supervisor.stopAll();
        assertEquals(List.of("Kafka"), stopped);
        assertTrue(said.stream().anyMatch(line -> line.contains("api-gateway") && line.contains("stuck")), said.toString());
    }

    @Test
    void whatFailedToStartIsNotRegistered() throws Exception {
        start("Kafka");
        assertThrows(IllegalStateException.class, () -> supervisor.<String>start("PostgreSQL", () -> {
            throw new IllegalStateException("port taken");
        }, stopped::add));
        supervisor.stopAll();
        assertEquals(List.of("Kafka"), stopped);
    }

    @Test
    void nothingToStopSaysSo() {
        assertFalse(supervisor.stopAll(), "nothing was started, so nothing to report as stopped");
    }

    @Test
    void nothingStartsOnceStopping() {
        supervisor.stopAll();
        List<String> started = new ArrayList<>();
        assertThrows(InterruptedException.class, () -> supervisor.start("late", () -> {
            started.add("late");
            return "late";
        }, stopped::add));
        assertTrue(started.isEmpty());
        assertTrue(supervisor.isStopping());
    }

    @Test
    @Timeout(60)
    void reportsAWatchedProcessThatExitedUnlessStopping(@TempDir Path dir) throws Exception {
        ServiceProcess sleeper = ServiceProcess.startCommand("sleeper", List.of("sleep", "60"), Map.of(), dir,
                dir.resolve("sleeper.log"));
        ServiceProcess quitter = ServiceProcess.startCommand("quitter", List.of("true"), Map.of(), dir,
                dir.resolve("quitter.log"));
        try {
            supervisor.watch(sleeper);
            supervisor.watch(quitter);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.firstExited().isPresent());
            assertEquals(Optional.of(quitter), supervisor.firstExited());
            supervisor.stopAll();
            assertEquals(Optional.empty(), supervisor.firstExited(), "exits while stopping are expected");
        } finally {
            sleeper.kill();
        }
    }
}
