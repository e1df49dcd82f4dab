package io.tracktion.transformer.parse;

import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleItemType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a {@link RawSale} into a typed {@link Sale}. Pure: the same raw sale always gives the same sale
 * or the same {@link InvalidSaleException}.
 *
 * <p>Required: a JSON object item with {@code artist_name}, {@code item_description}, a known
 * {@code item_type}, a 3-letter {@code currency}, a readable {@code amount_paid}, a time (the item's
 * {@code utc_date}, else the cart's), and {@code amount_paid_usd} unless the currency is USD. Everything
 * else is optional and becomes null when missing, null or of the wrong kind. Unknown fields are ignored
 * here and kept in {@code rawItemJson}.
 */
public final class SaleParser {

    /** The only event type the feed is known to send; null counts as a sale too. */
    public static final String SALE_EVENT_TYPE = "sale";

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

    private SaleParser() {
    }

    /** Whether the raw sale comes from a cart of type "sale" (or of no stated type). */
    public static boolean isSaleEvent(RawSale raw) {
        return raw.getEventType() == null || SALE_EVENT_TYPE.equals(raw.getEventType());
    }

    public static Sale parse(RawSale raw) throws InvalidSaleException {
        ItemJson item = ItemJson.parse(raw.getItemJson());

        String currency = requiredText(item, "currency").toUpperCase(Locale.ROOT);
        if (!CURRENCY_CODE.matcher(currency).matches()) {
            throw new InvalidSaleException("currency is not a 3-letter code: " + InvalidSaleException.shown(currency));
        }
        BigDecimal amountPaid = Money.inCurrency(requiredAmount(item, "amount_paid"), currency);
        BigDecimal listPrice = optionalAmount(item, "item_price");
        if (listPrice != null) {
            listPrice = Money.inCurrency(listPrice, currency);
        }
        BigDecimal amountPaidUsd = amountPaidUsd(item, currency, amountPaid);
        ItemUrls urls = ItemUrls.resolve(raw.getFeedBaseUrl(), optionalText(item, "url"));

        return Sale.newBuilder()
                .setSaleId(raw.getSaleId())
                .setEventId(raw.getEventId())
                .setSoldAt(soldAt(item, raw.getEventUtcDate()))
                .setCartSoldAt(SaleTimes.parseOrNull(raw.getEventUtcDate()))
                .setArtist(requiredText(item, "artist_name"))
                .setArtistUrl(urls.artistUrl())
                .setItemType(itemType(item))
                .setSlugType(optionalText(item, "slug_type"))
                .setTitle(requiredText(item, "item_description"))
                .setAlbumTitle(optionalText(item, "album_title"))
                .setUrl(urls.url())
                .setArtUrl(optionalText(item, "art_url"))
                .setCurrency(currency)
                .setAmountPaid(amountPaid)
                .setListPrice(listPrice)
                .setAmountPaidUsd(amountPaidUsd)
                .setPayWhatYouWant(listPrice != null && listPrice.signum() == 0)
                .setOverpaid(overpaid(amountPaid, listPrice))
                .setAmountPaidFormatted(optionalText(item, "amount_paid_fmt"))
                .setCountry(optionalText(item, "country"))
                .setCountryCode(countryCode(item))
                .setArtId(optionalId(item, "art_id"))
                .setPackageImageId(optionalId(item, "package_image_id"))
                .setRawItemJson(raw.getItemJson())
                .build();
    }

    private static Instant soldAt(ItemJson item, String cartUtcDate) throws InvalidSaleException {
        ItemJson.Value itemDate = item.get("utc_date");
        if (itemDate != null) {
            return SaleTimes.parse("utc_date", scalarText(itemDate, "utc_date"));
        }
        if (cartUtcDate != null) {
            return SaleTimes.parse("the cart's utc_date", cartUtcDate);
        }
        throw new InvalidSaleException("utc_date is missing on the item and its cart");
    }

    private static SaleItemType itemType(ItemJson item) throws InvalidSaleException {
        String code = requiredText(item, "item_type");
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "a" -> SaleItemType.ALBUM;
            case "t" -> SaleItemType.TRACK;
            case "p" -> SaleItemType.PHYSICAL;
            case "b" -> SaleItemType.BUNDLE;
            default -> throw new InvalidSaleException("item_type is unknown: " + InvalidSaleException.shown(code));
        };
    }

    /** Bandcamp's USD conversion; for a USD sale it may be left out, being the amount itself. */
    private static BigDecimal amountPaidUsd(ItemJson item, String currency, BigDecimal amountPaid)
            throws InvalidSaleException {
        BigDecimal usd = optionalAmount(item, "amount_paid_usd");
        if (usd != null) {
            return Money.inUsd(usd);
        }
        if ("USD".equals(currency)) {
            return amountPaid;
        }
        throw new InvalidSaleException("amount_paid_usd is missing for a sale in " + currency);
    }

    private static BigDecimal overpaid(BigDecimal amountPaid, BigDecimal listPrice) {
        if (listPrice == null || listPrice.signum() <= 0 || amountPaid.compareTo(listPrice) <= 0) {
            return null;
        }
        return amountPaid.subtract(listPrice);
    }

    private static String countryCode(ItemJson item) {
        String code = optionalText(item, "country_code");
        if (code == null) {
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        return COUNTRY_CODE.matcher(upper).matches() ? upper : null;
    }

    private static BigDecimal requiredAmount(ItemJson item, String field) throws InvalidSaleException {
        BigDecimal amount = optionalAmount(item, field);
        if (amount == null) {
            throw new InvalidSaleException(field + " is missing");
        }
        return amount;
    }

    /** An amount given as a JSON number or a numeric string; null when absent or null. */
    private static BigDecimal optionalAmount(ItemJson item, String field) throws InvalidSaleException {
        ItemJson.Value value = item.get(field);
        if (value == null) {
            return null;
        }
        if (value.kind() != ItemJson.Kind.NUMBER && value.kind() != ItemJson.Kind.STRING) {
            throw new InvalidSaleException(field + " is not a number: " + describe(value));
        }
        return Money.parse(field, value.text());
    }

    /** A whole number (or its string); null when absent, null or not one: ids are only for display. */
    private static Long optionalId(ItemJson item, String field) {
        ItemJson.Value value = item.get(field);
        if (value == null || value.kind() == ItemJson.Kind.STRUCTURED || value.kind() == ItemJson.Kind.BOOLEAN) {
            return null;
        }
        try {
            return new BigDecimal(value.text().strip()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Stripped, non-blank text of a string (or other scalar) field. */
    private static String requiredText(ItemJson item, String field) throws InvalidSaleException {
        ItemJson.Value value = item.get(field);
        if (value == null) {
            throw new InvalidSaleException(field + " is missing");
        }
        String text = scalarText(value, field).strip();
        if (text.isEmpty()) {
            throw new InvalidSaleException(field + " is blank");
        }
        return text;
    }

    /** Text of an optional field, as served; null when absent, null, blank or not a scalar. */
    private static String optionalText(ItemJson item, String field) {
        ItemJson.Value value = item.get(field);
        if (value == null || value.kind() == ItemJson.Kind.STRUCTURED || value.text().isBlank()) {
            return null;
        }
        return value.text();
    }

    private static String scalarText(ItemJson.Value value, String field) throws InvalidSaleException {
        if (value.kind() == ItemJson.Kind.STRUCTURED) {
            throw new InvalidSaleException(field + " is not text but an object or list");
        }
        return value.text();
    }

    private static String describe(ItemJson.Value value) {
        return value.kind() == ItemJson.Kind.STRUCTURED ? "an object or list" : InvalidSaleException.shown(value.text());
    }
}
