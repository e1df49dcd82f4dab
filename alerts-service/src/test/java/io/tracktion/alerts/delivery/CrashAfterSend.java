package io.tracktion.alerts.delivery;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.UUID;

/** The dispatcher cut off after a message left and before it is recorded, as a crash there would. */
@Singleton
@Replaces(DispatchHooks.class)
@Requires(property = "test.crash-after-send", value = "true")
public class CrashAfterSend extends DispatchHooks {

    @Override
    public void afterSend(UUID delivery) {
        throw new SimulatedCrash("Crashed after sending " + delivery + ", before recording it");
    }

    /** An Error, not an exception: the dispatcher fails a message that throws, and a crash records nothing. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }
}
