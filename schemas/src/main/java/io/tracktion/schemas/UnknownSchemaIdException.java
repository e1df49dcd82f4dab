package io.tracktion.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record names a schema id the registry does not hold: the bytes cannot be decoded there. A bad record to
 * most readers (dead-lettered, as Confluent's clients do); a reader for whom one record matters more than
 * moving on, such as the ingestor's cursor, may treat it as "try again" instead.
 */
public class UnknownSchemaIdException extends SerializationException {

    private final int schemaId;

    public UnknownSchemaIdException(String message, int schemaId, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
