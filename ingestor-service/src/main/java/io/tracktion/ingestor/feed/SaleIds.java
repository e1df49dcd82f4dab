package io.tracktion.ingestor.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The deterministic ids of the sales feed, which has none of its own. Everybody downstream relies on them.
 *
 * <p><b>saleId</b> = the first 32 characters of the lower-case hex SHA-256 over the item's fields
 * {@code utc_date}, {@code url}, {@code item_type}, {@code item_description}, {@code currency},
 * {@code amount_paid}, {@code country_code} — in that order, each as UTF-8, joined by the byte 0x1F
 * (unit separator). Numbers ({@code utc_date}, {@code amount_paid}) are the JSON number's text exactly
 * as received ({@code 1750000061.5301187}, {@code 4.989999771118164}), strings are their decoded value,
 * and a missing or null field is written as the empty string. Two identical items at the same microsecond
 * are therefore one sale.
 *
 * <p><b>eventId</b> = the same construction over the cart's {@code utc_date} text, its {@code event_type},
 * and the saleIds of its items in feed order.
 */
public final class SaleIds {

    /** The item fields a saleId is made of, in hashing order. */
    public static final List<String> SALE_ID_FIELDS = List.of(
            "utc_date", "url", "item_type", "item_description", "currency", "amount_paid", "country_code");

    private static final byte UNIT_SEPARATOR = 0x1F;
    private static final int ID_LENGTH = 32;

    private SaleIds() {
    }

    /** The saleId of an item, given the texts of its {@link #SALE_ID_FIELDS} (absent or null = missing). */
    public static String saleId(Map<String, String> fieldTexts) {
        List<String> parts = new ArrayList<>(SALE_ID_FIELDS.size());
        for (String field : SALE_ID_FIELDS) {
            parts.add(fieldTexts.get(field));
        }
        return hash(parts);
    }

    /** The eventId of a cart: its utc_date text, its event_type and its items' saleIds in feed order. */
    public static String eventId(String utcDate, String eventType, List<String> saleIds) {
        List<String> parts = new ArrayList<>(saleIds.size() + 2);
        parts.add(utcDate);
        parts.add(eventType);
        parts.addAll(saleIds);
        return hash(parts);
    }

    private static String hash(List<String> parts) {
        MessageDigest sha256 = sha256();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sha256.update(UNIT_SEPARATOR);
            }
            String part = parts.get(i);
            if (part != null) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, ID_LENGTH);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
