package io.tracktion.alerts.delivery;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** A bug in sending, once: the first message's sender throws. */
@Singleton
@Replaces(DispatchHooks.class)
@Requires(property = "test.throw-on-first-send", value = "true")
public class ThrowOnFirstSend extends DispatchHooks {

    private final AtomicBoolean thrown = new AtomicBoolean();

    @Override
    public void beforeSend(UUID delivery) {
        if (thrown.compareAndSet(false, true)) {
            throw new IllegalStateException("A bug in sending " + delivery);
        }
    }
}
