package io.tracktion.alerts.delivery;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * A point in the dispatcher's work where tests cut it off, as a crash would: between a message's sending and its
 * record. Does nothing in the service.
 */
@Singleton
public class DispatchHooks {

    /** After a message was handed to its server, before it is recorded as sent. */
    public void afterSend(UUID delivery) {
    }
}
