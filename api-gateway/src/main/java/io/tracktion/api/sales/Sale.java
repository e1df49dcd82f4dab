package io.tracktion.api.sales;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One sold item as {@code GET /api/v1/sales} lists it.
 *
 * @param saleId        the item's deterministic id
 * @param eventId       its cart's id
 * @param soldAt        when it sold, to the microsecond
 * @param artist        the artist's name as Bandcamp shows it
 * @param itemType      album, track, physical or bundle
 * @param title         the item's title
 * @param albumTitle    the album of a track
 * @param url           the item's page
 * @param currency      the seller's currency (ISO 4217), e.g. EUR
 * @param amountPaid    what the buyer paid, in {@code currency}
 * @param amountPaidUsd the same in USD, as Bandcamp converted it
 * @param listPrice     the item's price, in {@code currency}
 * @param country       the buyer's country name
 * @param countryCode   the buyer's country code, e.g. de
 */
@Serdeable
public record Sale(String saleId,
                   String eventId,
                   Instant soldAt,
                   String artist,
                   String itemType,
                   String title,
                   @Nullable String albumTitle,
                   @Nullable String url,
                   String currency,
                   BigDecimal amountPaid,
                   BigDecimal amountPaidUsd,
                   @Nullable BigDecimal listPrice,
                   @Nullable String country,
                   @Nullable String countryCode) {
}
