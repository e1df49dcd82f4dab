package io.tracktion.loader.status;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * The few columns of table {@code sale} the status reads back. Rows are written by
 * {@link io.tracktion.loader.sales.SaleWriter}, not through this entity.
 */
@MappedEntity("sale")
public record StoredSale(@Id String saleId, Instant soldAt) {
}
