package io.tracktion.transformer.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Amounts as the feed writes them, turned into exact money: read from their decimal text (never via
 * double), rounded HALF_UP to the currency's minor unit, then given the 4 decimal places of the Avro
 * {@code decimal(18,4)} fields. Float noise such as {@code 4.989999771118164} becomes {@code 4.99}.
 */
public final class Money {

    /** The scale of every money field in {@link io.tracktion.schemas.Sale}. */
    public static final int AVRO_SCALE = 4;
    /** Larger amounts are not real sales; the bound also keeps every amount inside decimal(18,4). */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(12);

    private static final int DEFAULT_MINOR_DIGITS = 2;

    private Money() {
    }

    /**
     * Reads an amount from its text; {@code field} names it in the error. Accepts any decimal notation
     * BigDecimal does ({@code 4.99}, {@code 800}, {@code 1e3}); rejects other text, negative and absurd amounts.
     */
    public static BigDecimal parse(String field, String text) throws InvalidSaleException {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSaleException(field + " is not a number: " + InvalidSaleException.shown(text));
        }
        if (amount.signum() < 0) {
            throw new InvalidSaleException(field + " is negative: " + InvalidSaleException.shown(text));
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidSaleException(field + " is out of range: " + InvalidSaleException.shown(text));
        }
        return amount;
    }

    /** The amount rounded to the currency's minor unit, with scale {@link #AVRO_SCALE}. */
    public static BigDecimal inCurrency(BigDecimal amount, String currencyCode) {
        return amount.setScale(minorUnitDigits(currencyCode), RoundingMode.HALF_UP)
                .setScale(AVRO_SCALE, RoundingMode.UNNECESSARY);
    }

    /** The amount rounded to US cents, with scale {@link #AVRO_SCALE}. */
    public static BigDecimal inUsd(BigDecimal amount) {
        return inCurrency(amount, "USD");
    }

    /**
     * Decimal places of the currency's minor unit (JPY 0, EUR 2, BHD 3). Unknown codes and currencies
     * without a minor unit (Java says -1) get 2; more than {@link #AVRO_SCALE} (none exist today) is capped.
     */
    public static int minorUnitDigits(String currencyCode) {
        int digits;
        try {
            digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        } catch (IllegalArgumentException | NullPointerException e) {
            return DEFAULT_MINOR_DIGITS;
        }
        if (digits < 0) {
            return DEFAULT_MINOR_DIGITS;
        }
        return Math.min(digits, AVRO_SCALE);
    }
}
