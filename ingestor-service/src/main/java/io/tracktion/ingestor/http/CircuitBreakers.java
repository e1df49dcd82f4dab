package io.tracktion.ingestor.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A circuit breaker per host, so that a failing host is left alone instead of hammered. After
 * {@code threshold} failures in a row (5xx answers, timeouts, broken connections; never 404, 410 or 429) the
 * circuit opens: requests fail at once for a while, 30 s at first, doubling each time a trial request fails,
 * up to 10 minutes. Then one trial request goes through; its success closes the circuit. All of Bandcamp's own
 * sites ({@code *.bandcamp.com}) are one host. Thread-safe.
 */
public final class CircuitBreakers {

    static final Duration FIRST_OPENING = Duration.ofSeconds(30);
    static final Duration LONGEST_OPENING = Duration.ofMinutes(10);

    private final int threshold;
    private final Clock clock;
    private final Map<String, Circuit> circuits = new TreeMap<>();

    public CircuitBreakers(int threshold, Clock clock) {
        this.threshold = threshold;
        this.clock = clock;
    }

    /** The circuit a host belongs to: {@code bandcamp.com} for Bandcamp's sites, else the host itself. */
    public static String circuitOf(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return name.equals("bandcamp.com") || name.endsWith(".bandcamp.com") ? "bandcamp.com" : name;
    }

    /** Lets a request to {@code host} go, or refuses it while the circuit is open. */
    public synchronized void allow(String host) throws CircuitOpenException {
        Circuit circuit = circuits.get(circuitOf(host));
        if (circuit == null || circuit.openUntil == null) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(circuit.openUntil) || circuit.trialInFlight) {
            throw new CircuitOpenException(circuitOf(host), circuit.trialInFlight ? now.plusSeconds(1) : circuit.openUntil);
        }
        circuit.trialInFlight = true; // half open: this one request tries the host
    }

    public synchronized void succeeded(String host) {
        Circuit circuit = circuits.get(circuitOf(host));
        if (circuit != null) {
            circuit.failures = 0;
            circuit.openUntil = null;
            circuit.opening = null;
            circuit.trialInFlight = false;
        }
    }

    /** A request let through that ended without a verdict on the host (interrupted): a trial may go again. */
    public synchronized void abandoned(String host) {
        Circuit circuit = circuits.get(circuitOf(host));
        if (circuit != null) {
            circuit.trialInFlight = false;
        }
    }

    public synchronized void failed(String host) {
        Circuit circuit = circuits.computeIfAbsent(circuitOf(host), h -> new Circuit());
        circuit.failures++;
        if (circuit.trialInFlight || circuit.failures >= threshold) {
            circuit.opening = circuit.opening == null ? FIRST_OPENING : min(circuit.opening.multipliedBy(2), LONGEST_OPENING);
            circuit.openUntil = clock.instant().plus(circuit.opening);
            circuit.trialInFlight = false;
        }
    }

    /** Whether the host's circuit refuses requests now. */
    public synchronized boolean isOpen(String host) {
        Circuit circuit = circuits.get(circuitOf(host));
        return circuit != null && circuit.openUntil != null;
    }

    /** Whether any host's circuit refuses requests now (open, or half open with its trial under way). */
    public synchronized boolean anyOpen() {
        return circuits.values().stream().anyMatch(circuit -> circuit.openUntil != null);
    }

    /** For /health: each circuit that has failed, with its state. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        circuits.forEach((host, circuit) -> {
            if (circuit.failures == 0 && circuit.openUntil == null) {
                return;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("state", circuit.openUntil == null ? "closed" : circuit.trialInFlight ? "half-open" : "open");
            state.put("consecutiveFailures", circuit.failures);
            if (circuit.openUntil != null) {
                state.put("openUntil", circuit.openUntil.toString());
            }
            described.put(host, state);
        });
        return described;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static final class Circuit {
        private int failures;
        private Instant openUntil;
        private Duration opening;
        private boolean trialInFlight;
    }
}
