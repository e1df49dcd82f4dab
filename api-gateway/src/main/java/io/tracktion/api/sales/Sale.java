package io.tracktion.api.sales;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import io.tracktion.api.releases.ReleaseView;
import java.time.Instant;
import java.util.List;

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
 * @param releaseId     the id of the release the item's page is (derived from its URL), null for other pages
 * @param artistId      the artist's id, once the release page has been read
 * @param label         the label, once read, when the publisher is not the artist
 * @param genre         the release's primary genre, once read
 * @param tags          its descriptive tags, once read; empty until then
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
                   @Nullable String countryCode,
                   @Nullable String releaseId,
                   @Nullable String artistId,
                   @Nullable ReleaseView.Label label,
                   @Nullable String genre,
                   List<String> tags) {
}
