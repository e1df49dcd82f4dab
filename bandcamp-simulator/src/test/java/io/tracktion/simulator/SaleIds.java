package io.tracktion.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The brief's sale id rule, as the ingestor computes it: SHA-256 over seven fields joined by 0x1F. */
final class SaleIds {

    private static final String[] FIELDS = {"utc_date", "url", "item_type", "item_description", "currency", "amount_paid", "country_code"};

    private SaleIds() {
    }

    static String of(JsonNode item) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < FIELDS.length; i++) {
                if (i > 0) {
                    sha.update((byte) 0x1F);
                }
                JsonNode value = item.get(FIELDS[i]);
                sha.update((value == null || value.isNull() ? "" : value.asText()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
