package io.tracktion.alerts.delivery;

/**
 * A message not delivered. Permanent: the same message would be refused again (an address or URL refused); the
 * subscription's channel counts it. Otherwise it is tried again later (a server away, a timeout).
 */
public class DeliveryException extends Exception {

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
