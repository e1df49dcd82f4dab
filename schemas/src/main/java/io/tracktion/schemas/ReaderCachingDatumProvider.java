package io.tracktion.schemas;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;

/**
 * Apicurio's datum provider, keeping the reader made for each writer schema by the schema's identity. Apicurio's
 * own cache is keyed by the schema's fingerprint, which it computes afresh for every record it decodes (rendering
 * the whole schema: a fifth of the loader's consumer thread); its resolver hands out the same {@link Schema}
 * instance for a schema id until it looks the id up again, so an identity lookup finds the reader at once.
 * Configured by {@link SchemaRegistryConfig#serdeConfig()}; Apicurio instantiates it by its public constructor.
 */
public final class ReaderCachingDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Few: one per writer schema in use, plus the instances a refresh of the resolver's cache makes. */
    private static final int MAX_READERS = 16;

    private final Map<Schema, DatumReader<T>> readers = new IdentityHashMap<>();

    @Override
    public DatumReader<T> createDatumReader(Schema writer) {
        synchronized (readers) {
            DatumReader<T> reader = readers.get(writer);
            if (reader == null) {
                if (readers.size() >= MAX_READERS) {
                    readers.clear(); // older instances of a schema the resolver has since fetched again
                }
                reader = super.createDatumReader(writer);
                readers.put(writer, reader);
            }
            return reader;
        }
    }

    /** How many schema instances have their reader kept. */
    int keptReaders() {
        synchronized (readers) {
            return readers.size();
        }
    }
}
