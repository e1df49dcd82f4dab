package io.tracktion.ingestor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

    private final long[] now = {0};
    private final List<Long> slept = new ArrayList<>();
    private final RequestPacer pacer = new RequestPacer(2, () -> now[0], nanos -> {
        slept.add(nanos);
        now[0] += nanos;
    });

    @Test
    void requestsLeaveNoCloserThanTheRateAllows() throws Exception {
        for (int i = 0; i < 4; i++) {
            pacer.acquire();
        }
        // 2 per second: the first at once, then one every 500 ms.
        assertThat(slept).containsExactly(500_000_000L, 500_000_000L, 500_000_000L);
    }

    @Test
    void aQuietSpellIsNotSavedUpForABurst() throws Exception {
        pacer.acquire();
        now[0] += Duration.ofMinutes(1).toNanos();
        pacer.acquire();
        pacer.acquire();
        assertThat(slept).containsExactly(500_000_000L);
    }

    @Test
    void retryAfterHoldsEveryRequest() throws Exception {
        pacer.acquire();
        pacer.pause(Duration.ofSeconds(30));
        assertThat(pacer.pausedFor()).isEqualTo(Duration.ofSeconds(30));
        pacer.acquire();
        assertThat(slept).containsExactly(Duration.ofSeconds(30).toNanos());
        assertThat(pacer.pausedFor()).isZero();
        // A shorter pause does not shorten a longer one already in force.
        pacer.pause(Duration.ofSeconds(10));
        pacer.pause(Duration.ofSeconds(2));
        assertThat(pacer.pausedFor()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesANonsenseRate() {
        assertThatThrownBy(() -> new RequestPacer(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestPacer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
