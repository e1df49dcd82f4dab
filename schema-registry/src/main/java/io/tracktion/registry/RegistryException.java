package io.tracktion.registry;

/** The registry cannot be run or fed; the message says why and, where it can, what to do. */
public class RegistryException extends Exception {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
