package io.tracktion.alerts.delivery;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds the dispatcher between a message's sending and its record until the test lets it go. */
@Singleton
@Replaces(DispatchHooks.class)
@Requires(property = "test.pause-after-send", value = "true")
public class PauseAfterSend extends DispatchHooks {

    static volatile CountDownLatch sent = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    static void reset() {
        sent = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @Override
    public void afterSend(UUID delivery) {
        sent.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
