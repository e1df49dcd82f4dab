package io.tracktion.api.artists;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * An artist's sales in the period asked.
 *
 * @param artist     the artist's name
 * @param artistUrl  the artist's Bandcamp page, when any sale named it
 * @param revenueUsd the sum of amountPaidUsd
 * @param units      sold items
 */
@Serdeable
public record TopArtist(String artist, @Nullable String artistUrl, BigDecimal revenueUsd, long units) {
}
