package io.tracktion.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * The schemas are the API downstream teams subscribe to. A change must be released as a new version
 * file, and today's reader must still read every version ever released.
 */
class SchemaCompatibilityTest {

    private static final Map<String, Schema> CURRENT = Map.ofEntries(
            Map.entry("RawSale", RawSale.getClassSchema()),
            Map.entry("FeedCursor", FeedCursor.getClassSchema()),
            Map.entry("Sale", Sale.getClassSchema()),
            Map.entry("Release", Release.getClassSchema()),
            Map.entry("FeedGap", FeedGap.getClassSchema()),
            Map.entry("FeedWindowReceived", FeedWindowReceived.getClassSchema()),
            Map.entry("EnrichedSale", EnrichedSale.getClassSchema()),
            Map.entry("StatsWindow", StatsWindow.getClassSchema()),
            Map.entry("TrendingChart", TrendingChart.getClassSchema()),
            Map.entry("Signal", Signal.getClassSchema()));

    @Test
    void everyRecordHasReleasedVersions() {
        assertEquals(CURRENT.keySet(), Map.copyOf(
                ReleasedSchemas.RECORDS.stream().collect(java.util.stream.Collectors.toMap(r -> r, r -> r))).keySet());
        for (String record : ReleasedSchemas.RECORDS) {
            assertFalse(ReleasedSchemas.get().versionsOf(record).isEmpty(), record + " has no released version");
        }
    }

    @Test
    void currentSchemaIsTheNewestReleasedVersion() {
        for (var entry : CURRENT.entrySet()) {
            List<Schema> versions = ReleasedSchemas.get().versionsOf(entry.getKey());
            Schema newest = versions.get(versions.size() - 1);
            assertEquals(newest, entry.getValue(), entry.getKey()
                    + " changed without a release: add released/" + entry.getKey() + "/v" + (versions.size() + 1)
                    + ".avsc holding the new schema");
        }
    }

    @Test
    void currentSchemaReadsEveryReleasedVersion() {
        for (var entry : CURRENT.entrySet()) {
            List<Schema> versions = ReleasedSchemas.get().versionsOf(entry.getKey());
            for (int v = 0; v < versions.size(); v++) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(entry.getValue(), versions.get(v));
                assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                        entry.getKey() + " cannot read v" + (v + 1) + ": " + result.getDescription());
            }
        }
    }

    @Test
    void compatibilityCheckRejectsABreakingChange() {
        // Guards the check itself: a required field without a default cannot read old data.
        Schema v1 = ReleasedSchemas.get().versionsOf("FeedCursor").get(0);
        Schema breaking = new Schema.Parser().parse("""
                {"type":"record","name":"FeedCursor","namespace":"io.tracktion.schemas","fields":[
                  {"name":"feedBaseUrl","type":"string"},{"name":"endDate","type":"long"},
                  {"name":"partition","type":"int"}]}""");
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(breaking, v1).getType());
    }
}
