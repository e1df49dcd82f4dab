package io.tracktion.transformer.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tracktion.schemas.RawSale;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Items of the Bandcamp sample window ({@code bandcamp/get-window.json}, copied from the shared
 * samples), cut out verbatim as the ingestor does, and raw sales built around items as the ingestor
 * builds them.
 */
public final class Samples {

    public static final String FEED_BASE_URL = "https://bandcamp.com";
    public static final String CART_UTC_DATE = "1750000061.412733";

    /** The items of the sample window in feed order (index: what it is). */
    public static final int ALBUM_EUR_OVERPAID = 0;
    public static final int TRACK_GBP = 1;
    public static final int PHYSICAL_OF_ALBUM_USD = 2;
    public static final int ALBUM_USD = 3;
    public static final int MERCH_USD = 4;
    public static final int TRACK_GBP_OVERPAID = 5;

    private static final List<String> ITEMS = readItems("bandcamp/get-window.json");

    private Samples() {
    }

    /** The verbatim JSON of one item of the sample window. */
    public static String item(int index) {
        return ITEMS.get(index);
    }

    public static List<String> items() {
        return ITEMS;
    }

    /** A raw sale of a "sale" cart around the item, fetched from {@link #FEED_BASE_URL}. */
    public static RawSale.Builder raw(String saleId, String itemJson) {
        return RawSale.newBuilder()
                .setSaleId(saleId)
                .setEventId("event-of-" + saleId)
                .setEventType("sale")
                .setEventUtcDate(CART_UTC_DATE)
                .setItemIndex(0)
                .setCartSize(1)
                .setWindowStartDate(1750000020L)
                .setWindowEndDate(1750000620L)
                .setServerTime(1750000629L)
                .setDataDelaySec(120)
                .setFeedBaseUrl(FEED_BASE_URL)
                .setFetchedAt(Instant.parse("2025-06-15T15:17:09Z"))
                .setItemJson(itemJson);
    }

    private static List<String> readItems(String resource) {
        String body = resource(resource);
        List<String> items = new ArrayList<>();
        try (JsonParser parser = JsonFactory.builder().build().createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("items")) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        int start = (int) parser.currentTokenLocation().getCharOffset();
                        parser.skipChildren();
                        items.add(body.substring(start, (int) parser.currentTokenLocation().getCharOffset() + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(items);
    }

    public static String resource(String name) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
