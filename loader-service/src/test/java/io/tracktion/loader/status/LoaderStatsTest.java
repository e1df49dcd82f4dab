package io.tracktion.loader.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The loader's consumers share its stats: one failing for ever must show while another loads. */
class LoaderStatsTest {

    @Test
    void aConsumerStillFailingShowsWhileAnotherLoads() throws Exception {
        LoaderStats stats = new LoaderStats();
        Thread failing = new Thread(() -> {
            stats.batchFailed(new IllegalStateException("first"));
            stats.batchFailed(new IllegalStateException("second"));
        });
        failing.start();
        failing.join();

        stats.batchLoaded(10, 10, 0, 0);

        assertThat(stats.consecutiveFailures()).isEqualTo(2);
        assertThat(stats.batchesCommitted()).isEqualTo(1);
    }

    @Test
    void aConsumerThatLoadsAgainIsNoLongerFailing() {
        LoaderStats stats = new LoaderStats();
        stats.batchFailed(new IllegalStateException("down"));
        assertThat(stats.consecutiveFailures()).isEqualTo(1);

        stats.batchLoaded(10, 10, 0, 0);

        assertThat(stats.consecutiveFailures()).isZero();
    }
}
