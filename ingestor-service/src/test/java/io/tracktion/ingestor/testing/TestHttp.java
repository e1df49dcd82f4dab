package io.tracktion.ingestor.testing;

import io.tracktion.ingestor.http.BandcampHttp;
import io.tracktion.ingestor.http.CircuitBreakers;
import io.tracktion.ingestor.http.RequestPacer;
import io.tracktion.ingestor.http.UserAgent;
import java.time.Clock;
import java.time.Duration;

/** {@link BandcampHttp} for tests: fast pacing, and no circuit breaking unless a test asks for it. */
public final class TestHttp {

    private TestHttp() {
    }

    public static BandcampHttp client(Duration timeout) {
        return client(timeout, new RequestPacer(1000), Integer.MAX_VALUE);
    }

    public static BandcampHttp client(Duration timeout, RequestPacer pacer, int circuitThreshold) {
        return client(timeout, pacer, circuitThreshold, Clock.systemUTC());
    }

    public static BandcampHttp client(Duration timeout, RequestPacer pacer, int circuitThreshold, Clock clock) {
        return new BandcampHttp(timeout, pacer, new CircuitBreakers(circuitThreshold, clock), clock, UserAgent.value());
    }
}
