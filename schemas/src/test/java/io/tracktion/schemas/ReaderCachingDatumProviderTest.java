package io.tracktion.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.junit.jupiter.api.Test;

class ReaderCachingDatumProviderTest {

    @Test
    void keepsTheReaderOfEachSchemaInstanceAndForgetsThemPastSixteen() {
        ReaderCachingDatumProvider<Sale> provider = new ReaderCachingDatumProvider<>();
        Schema writer = Sale.getClassSchema();
        DatumReader<Sale> reader = provider.createDatumReader(writer);

        assertSame(reader, provider.createDatumReader(writer));
        assertEquals(1, provider.keptReaders());
        // Kept by instance: the same schema fetched again is a new instance, and a new entry.
        provider.createDatumReader(new Schema.Parser().parse(writer.toString()));
        assertEquals(2, provider.keptReaders());
        for (int i = 0; i < 14; i++) {
            provider.createDatumReader(new Schema.Parser().parse(writer.toString()));
        }
        assertEquals(16, provider.keptReaders());
        // The seventeenth clears the sixteen before it.
        provider.createDatumReader(new Schema.Parser().parse(writer.toString()));
        assertEquals(1, provider.keptReaders());
    }

    @Test
    void isTheDatumProviderOfEveryRegistrySerde() {
        assertEquals(ReaderCachingDatumProvider.class.getName(), SchemaRegistryConfig.of("http://127.0.0.1:8085")
                .serdeConfig().get("apicurio.registry.avro-datum-provider"));
    }
}
