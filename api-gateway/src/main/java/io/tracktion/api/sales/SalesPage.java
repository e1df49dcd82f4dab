package io.tracktion.api.sales;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of sales, newest first.
 *
 * @param items the sales on this page
 * @param next  the cursor for the following page, null on the last page
 */
@Serdeable
public record SalesPage(List<Sale> items, @Nullable String next) {
}
