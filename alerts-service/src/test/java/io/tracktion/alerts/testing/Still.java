package io.tracktion.alerts.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ThrowingRunnable;

/** For "nothing more happens": an assertion that must hold throughout a period, checked as it runs. */
public final class Still {

    private Still() {
    }

    public static void holdsFor(Duration period, ThrowingRunnable assertion) {
        await().during(period).atMost(period.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(assertion);
    }
}
