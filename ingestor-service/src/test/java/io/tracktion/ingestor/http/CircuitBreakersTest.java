package io.tracktion.ingestor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final CircuitBreakers circuits = new CircuitBreakers(3, clock);

    @Test
    void opensAfterFailuresInARowAndLetsOneTrialThroughLater() throws Exception {
        for (int i = 0; i < 2; i++) {
            circuits.allow("artist.bandcamp.com");
            circuits.failed("artist.bandcamp.com");
        }
        circuits.allow("other.bandcamp.com"); // still closed: two failures
        circuits.failed("other.bandcamp.com"); // Bandcamp's sites are one host: the third failure opens it
        assertThat(circuits.isOpen("bandcamp.com")).isTrue();
        assertThat(circuits.anyOpen()).isTrue();
        assertThatThrownBy(() -> circuits.allow("x.bandcamp.com")).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("bandcamp.com");
        circuits.allow("music.example.org"); // another host is not affected
        assertThat(circuits.describe()).containsKey("bandcamp.com");
        assertThat(((Map<?, ?>) circuits.describe().get("bandcamp.com")).get("state")).isEqualTo("open");

        now = now.plus(CircuitBreakers.FIRST_OPENING);
        circuits.allow("artist.bandcamp.com"); // the trial
        assertThatThrownBy(() -> circuits.allow("artist.bandcamp.com")).isInstanceOf(CircuitOpenException.class);
        circuits.failed("artist.bandcamp.com"); // trial failed: open twice as long
        now = now.plus(CircuitBreakers.FIRST_OPENING);
        assertThatThrownBy(() -> circuits.allow("artist.bandcamp.com")).isInstanceOf(CircuitOpenException.class);
        now = now.plus(CircuitBreakers.FIRST_OPENING);
        circuits.allow("artist.bandcamp.com");
        circuits.succeeded("artist.bandcamp.com");
        assertThat(circuits.isOpen("bandcamp.com")).isFalse();
        assertThat(circuits.describe()).isEmpty();
    }

    @Test
    void aSuccessResetsTheCount() throws Exception {
        circuits.failed("a.bandcamp.com");
        circuits.failed("a.bandcamp.com");
        circuits.succeeded("a.bandcamp.com");
        circuits.failed("a.bandcamp.com");
        circuits.failed("a.bandcamp.com");
        circuits.allow("a.bandcamp.com");
        assertThat(circuits.isOpen("a.bandcamp.com")).isFalse();
        assertThat(Duration.ofMinutes(10)).isEqualTo(CircuitBreakers.LONGEST_OPENING);
    }

    @Test
    void aTrialThatEndsWithoutAnAnswerLetsTheNextOneTry() throws Exception {
        for (int i = 0; i < 3; i++) {
            circuits.failed("a.bandcamp.com");
        }
        now = now.plus(CircuitBreakers.FIRST_OPENING);
        circuits.allow("a.bandcamp.com"); // the trial, then interrupted before any answer
        circuits.abandoned("a.bandcamp.com");
        circuits.allow("a.bandcamp.com"); // not stuck half open
        circuits.succeeded("a.bandcamp.com");
        assertThat(circuits.isOpen("a.bandcamp.com")).isFalse();
    }
}
