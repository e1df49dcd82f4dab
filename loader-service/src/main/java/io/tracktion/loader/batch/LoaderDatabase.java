package io.tracktion.loader.batch;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * The loader's pool, as its writers need it: they run their own transactions, so they take the pool underneath
 * Micronaut Data's proxy (which hands out connections only inside its own), and the offsets stored beside the rows.
 */
@Singleton
public final class LoaderDatabase {

    private final DataSource dataSource;
    private final DatabaseOffsets offsets;

    public LoaderDatabase(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
        this.offsets = new DatabaseOffsets(this.dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseOffsets offsets() {
        return offsets;
    }
}
