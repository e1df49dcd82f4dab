package io.tracktion.schemas;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The registry could not be asked (unreachable, timing out, answering 5xx), or (when writing) does not hold the
 * writer's schema yet: the record itself may be fine, so it is retried, never dead-lettered. Deliberately not a
 * {@link org.apache.kafka.common.errors.SerializationException}, which means "these bytes are bad".
 */
public class SchemaRegistryUnavailableException extends RetriableException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
