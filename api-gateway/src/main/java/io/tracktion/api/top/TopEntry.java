package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * One entity's sales in the period asked.
 *
 * @param id         its stable id: the artist's, label's or release's id, the upper-case ISO code of a country, the
 *                   canonical name of a genre or tag, the kind ({@code album|track|physical|bundle}); {@code unknown}
 *                   for the sales whose release (or buyer's country) is not known
 * @param name       its display name
 * @param url        its Bandcamp page, for artists, labels and releases
 * @param units      sold items
 * @param revenueUsd the sum of the items' USD amounts
 * @param carts      purchases (feed events) the items were in, counted per rollup window
 */
@Serdeable
public record TopEntry(String id, String name, @Nullable String url, long units, BigDecimal revenueUsd, long carts) {
}
