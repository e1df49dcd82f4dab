package io.tracktion.alerts.delivery;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Points in the dispatcher's work where tests cut in, as a crash or a bug would: as a message is sent, and between
 * its sending and its record. Does nothing in the service.
 */
@Singleton
public class DispatchHooks {

    /** As a message is handed to its sender. */
    public void beforeSend(UUID delivery) {
    }

    /** After a message was handed to its server, before it is recorded as sent. */
    public void afterSend(UUID delivery) {
    }
}
