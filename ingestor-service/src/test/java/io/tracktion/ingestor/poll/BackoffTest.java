package io.tracktion.ingestor.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new SplittableRandom(7));

    @Test
    void doublesWithJitterBetweenHalfAndAll() {
        for (int failures = 1; failures <= 7; failures++) {
            long ceiling = 2000L << (failures - 1);
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delay(failures).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void isCappedEvenAfterManyFailures() {
        for (int failures : new int[] {9, 30, 31, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(failures).toMillis()).isBetween(150_000L, 300_000L);
        }
    }

    @Test
    void jitters() {
        long distinct = java.util.stream.IntStream.range(0, 20).mapToObj(i -> backoff.delay(3)).distinct().count();
        assertThat(distinct).isGreaterThan(1);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
