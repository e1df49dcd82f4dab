package io.tracktion.loader.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** Read-only questions about table {@code sale}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SaleRepository extends GenericRepository<StoredSale, String> {

    long count();

    /** The newest sale's time; null while the table is empty. */
    @Nullable
    Instant findMaxSoldAt();
}
