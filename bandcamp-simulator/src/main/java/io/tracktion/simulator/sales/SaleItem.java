package io.tracktion.simulator.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One sold item exactly as the feed serves it. Numbers are kept as their JSON texts ({@code utcDate},
 * {@code amountPaid}, {@code itemPrice}, {@code amountPaidUsd}) so the served bytes and the ledger agree
 * digit for digit. Nullable: {@code albumTitle}, {@code artId}, {@code packageImageId}; omitted when null:
 * {@code amountOverFmt}, {@code itemSlug}.
 */
public record SaleItem(ItemKey key, String utcDate, String artistName, String itemType, String itemDescription,
                       String albumTitle, String slugType, String currency, String amountPaid, String itemPrice,
                       String amountPaidUsd, String country, Long artId, Long packageImageId, String url,
                       String countryCode, String amountPaidFmt, String amountOverFmt, String artUrl, String itemSlug) {

    /** {@code amount_paid_usd} rounded HALF_UP to cents: what a correct consumer stores. */
    public BigDecimal usdCents() {
        return new BigDecimal(amountPaidUsd).setScale(2, RoundingMode.HALF_UP);
    }
}
