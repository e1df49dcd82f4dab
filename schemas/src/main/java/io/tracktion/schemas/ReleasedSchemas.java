package io.tracktion.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every record schema, read from {@code released/<Name>/v<N>.avsc} on the
 * classpath. It stands in for a schema registry: a reader decodes any version a writer may have used.
 * A schema change is released by adding the next version file (the compatibility test insists).
 */
public final class ReleasedSchemas {

    /** The records whose versions are kept. */
    public static final List<String> RECORDS = List.of("RawSale", "FeedCursor", "Sale", "Release", "FeedGap", "FeedWindowReceived",
            "EnrichedSale", "StatsWindow", "TrendingChart", "Signal");

    private static final String ROOT = "/io/tracktion/schemas/released/";
    private static final ReleasedSchemas INSTANCE = load();

    private final Map<String, List<Schema>> versions;
    private final SchemaStore.Cache store = new SchemaStore.Cache();

    private ReleasedSchemas(Map<String, List<Schema>> versions) {
        this.versions = versions;
        versions.values().forEach(list -> list.forEach(store::addSchema));
    }

    public static ReleasedSchemas get() {
        return INSTANCE;
    }

    /** The versions of one record, oldest first. */
    public List<Schema> versionsOf(String record) {
        return versions.getOrDefault(record, List.of());
    }

    /** A store that finds any released schema by its fingerprint. */
    public SchemaStore store() {
        return store;
    }

    private static ReleasedSchemas load() {
        Map<String, List<Schema>> all = new TreeMap<>();
        for (String record : RECORDS) {
            List<Schema> list = new ArrayList<>();
            for (int v = 1; ; v++) {
                try (InputStream in = ReleasedSchemas.class.getResourceAsStream(ROOT + record + "/v" + v + ".avsc")) {
                    if (in == null) {
                        break;
                    }
                    list.add(new Schema.Parser().parse(in));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read released schema " + record + " v" + v, e);
                }
            }
            all.put(record, Collections.unmodifiableList(list));
        }
        return new ReleasedSchemas(Collections.unmodifiableMap(all));
    }
}
