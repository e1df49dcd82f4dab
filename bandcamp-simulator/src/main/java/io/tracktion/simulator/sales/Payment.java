package io.tracktion.simulator.sales;

import io.tracktion.simulator.catalog.Currency;
import io.tracktion.simulator.random.SeededRandom;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the buyer paid for one offer, as the feed's texts: amounts in the seller's currency (sometimes with
 * 32-bit float noise), Bandcamp's USD conversion (usually cents, sometimes finer), and the display strings.
 * {@code amountOverFmt} is null unless the buyer paid more than the list price.
 */
record Payment(String amountPaid, String itemPrice, String amountPaidUsd, String amountPaidFmt, String amountOverFmt) {

    /** Voluntary payments for name-your-price items, in USD before conversion to a nice local amount. */
    private static final List<Integer> VOLUNTARY_USD = List.of(1, 2, 3, 5, 5, 7, 10, 10, 15, 20);
    private static final List<Integer> TIPS_USD = List.of(1, 1, 2, 3, 5, 10);

    static Payment of(Offer offer, Currency currency, SeededRandom random) {
        BigDecimal price = offer.price();
        BigDecimal paid;
        if (offer.nameYourPrice()) {
            paid = currency.nicePrice(random.pick(VOLUNTARY_USD));
        } else if (random.chance(offer.itemType().equals("p") ? 0.03 : 0.12)) {
            paid = price.add(tip(price, currency, random));
        } else {
            paid = price;
        }
        boolean noisy = random.chance(0.3);
        String paidText = noisy ? JsonNumbers.float32Noise(paid) : JsonNumbers.amount(paid);
        String priceText = noisy ? JsonNumbers.float32Noise(price) : JsonNumbers.amount(price);
        String overFmt = paid.compareTo(price) > 0 ? currency.format(paid.subtract(price)) : null;
        return new Payment(paidText, priceText, usdText(paid, paidText, currency, random), currency.format(paid), overFmt);
    }

    /** Small prices get small tips (the sample's "£0.50" on a £1 track). */
    private static BigDecimal tip(BigDecimal price, Currency currency, SeededRandom random) {
        boolean smallPrice = currency.toUsd(price).compareTo(BigDecimal.valueOf(3)) < 0;
        if (smallPrice && currency.minorDigits() == 2 && random.chance(0.5)) {
            return new BigDecimal("0.50");
        }
        return currency.nicePrice(random.pick(TIPS_USD));
    }

    private static String usdText(BigDecimal paid, String paidText, Currency currency, SeededRandom random) {
        if (currency == Currency.USD) {
            return paidText;
        }
        BigDecimal usd = currency.toUsd(paid);
        double r = random.nextDouble();
        if (r < 0.75) {
            return JsonNumbers.amount(usd.setScale(2, RoundingMode.HALF_UP));
        }
        if (r < 0.87) {
            return JsonNumbers.float32Noise(usd.setScale(2, RoundingMode.HALF_UP));
        }
        return JsonNumbers.amount(usd.setScale(4, RoundingMode.HALF_UP));
    }
}
