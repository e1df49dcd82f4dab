package io.tracktion.simulator.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The seller currencies Bandcamp supports, each with a fixed, plausible USD rate (the simulator's
 * "Bandcamp conversion"), the number of minor digits, and how Bandcamp formats an amount ("€7", "¥800",
 * "£1.50").
 */
public enum Currency {
    USD("$", "", "1", 2, 1),
    EUR("€", "", "1.0825", 2, 1),
    GBP("£", "", "1.2710", 2, 1),
    JPY("¥", "", "0.0067", 0, 100),
    CAD("$", "", "0.7330", 2, 1),
    AUD("$", "", "0.6580", 2, 1),
    NZD("$", "", "0.6040", 2, 1),
    SEK("", " kr", "0.0953", 2, 5),
    NOK("", " kr", "0.0937", 2, 5),
    DKK("", " kr", "0.1451", 2, 5),
    CHF("CHF ", "", "1.1290", 2, 1),
    PLN("", " zł", "0.2510", 2, 5),
    CZK("", " Kč", "0.0432", 2, 10),
    HUF("", " Ft", "0.0027", 0, 500),
    MXN("$", "", "0.0552", 2, 10),
    ILS("₪", "", "0.2705", 2, 5),
    SGD("$", "", "0.7425", 2, 1),
    HKD("$", "", "0.1281", 2, 5);

    private final String prefix;
    private final String suffix;
    private final BigDecimal usdRate;
    private final int minorDigits;
    private final BigDecimal priceStep;

    Currency(String prefix, String suffix, String usdRate, int minorDigits, int priceStep) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.usdRate = new BigDecimal(usdRate);
        this.minorDigits = minorDigits;
        this.priceStep = BigDecimal.valueOf(priceStep);
    }

    /** USD per one unit of this currency. */
    public BigDecimal usdRate() {
        return usdRate;
    }

    public int minorDigits() {
        return minorDigits;
    }

    /** A price a seller would set for about {@code usd} dollars: whole units, whole hundreds of yen, etc. */
    public BigDecimal nicePrice(double usd) {
        BigDecimal local = BigDecimal.valueOf(usd).divide(usdRate, 6, RoundingMode.HALF_UP);
        BigDecimal steps = local.divide(priceStep, 0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
        return steps.multiply(priceStep).setScale(minorDigits, RoundingMode.UNNECESSARY);
    }

    /** The amount in USD at this currency's fixed rate, unrounded. */
    public BigDecimal toUsd(BigDecimal amount) {
        return amount.multiply(usdRate);
    }

    /** Bandcamp's display format: no decimals for whole amounts, otherwise exactly the minor digits. */
    public String format(BigDecimal amount) {
        boolean whole = amount.stripTrailingZeros().scale() <= 0;
        DecimalFormat format = new DecimalFormat(whole ? "#,##0" : "#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return prefix + format.format(amount) + suffix;
    }
}
