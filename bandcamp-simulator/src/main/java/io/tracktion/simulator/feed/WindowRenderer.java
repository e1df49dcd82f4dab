package io.tracktion.simulator.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tracktion.simulator.faults.Corruption;
import io.tracktion.simulator.sales.Cart;
import io.tracktion.simulator.sales.ItemKey;
import io.tracktion.simulator.sales.SaleItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes windows in the exact field layout of Bandcamp's captures (see get-window.json). Numbers are
 * written from their stored texts, so the same window is the same bytes every time.
 */
final class WindowRenderer {

    private static final JsonFactory JSON = new JsonFactory();

    /** A window, bare ({@code get}) or wrapped in {@code feed_data} ({@code get_initial}). */
    byte[] window(FeedWindow window, boolean wrapInFeedData, ItemKey damagedItem, Corruption corruption) {
        return write(g -> {
            if (wrapInFeedData) {
                g.writeStartObject();
                g.writeFieldName("feed_data");
            }
            g.writeStartObject();
            g.writeNumberField("start_date", window.startDate());
            g.writeNumberField("end_date", window.endDate());
            g.writeNumberField("data_delay_sec", window.dataDelaySec());
            g.writeArrayFieldStart("events");
            for (Cart cart : window.carts()) {
                writeCart(g, cart, damagedItem, corruption);
            }
            g.writeEndArray();
            g.writeNumberField("server_time", window.serverTime());
            g.writeEndObject();
            if (wrapInFeedData) {
                g.writeEndObject();
            }
        });
    }

    /** Writes the carts one by one, as {@code carts} hands them over: a window of any size in little memory. */
    interface CartSource {
        /** Calls {@code sink} for every cart of the window, in order; {@code damaged} is null for intact carts. */
        void each(CartSink sink) throws IOException;
    }

    interface CartSink {
        void write(Cart cart, ItemKey damagedItem, Corruption corruption) throws IOException;
    }

    /** As {@link #window}, but written to {@code out} while {@code carts} produces them. */
    void stream(OutputStream out, long startDate, long endDate, int dataDelaySec, long serverTime, boolean wrapInFeedData,
                CartSource carts) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (wrapInFeedData) {
                g.writeStartObject();
                g.writeFieldName("feed_data");
            }
            g.writeStartObject();
            g.writeNumberField("start_date", startDate);
            g.writeNumberField("end_date", endDate);
            g.writeNumberField("data_delay_sec", dataDelaySec);
            g.writeArrayFieldStart("events");
            carts.each((cart, damaged, corruption) -> writeCart(g, cart, damaged, corruption));
            g.writeEndArray();
            g.writeNumberField("server_time", serverTime);
            g.writeEndObject();
            if (wrapInFeedData) {
                g.writeEndObject();
            }
        }
    }

    /** The answer when nothing new is published yet: only {@code server_time}. */
    byte[] caughtUp(long serverTime) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("server_time", serverTime);
            g.writeEndObject();
        });
    }

    private static void writeCart(JsonGenerator g, Cart cart, ItemKey damagedItem, Corruption corruption) throws IOException {
        g.writeStartObject();
        g.writeStringField("event_type", "sale");
        g.writeFieldName("utc_date");
        g.writeNumber(cart.utcDate());
        g.writeArrayFieldStart("items");
        for (SaleItem item : cart.items()) {
            writeItem(g, item, item.key().equals(damagedItem) ? corruption : null);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeItem(JsonGenerator g, SaleItem item, Corruption corruption) throws IOException {
        g.writeStartObject();
        g.writeFieldName("utc_date");
        g.writeNumber(item.utcDate());
        g.writeStringField("artist_name", item.artistName());
        g.writeStringField("item_type", corruption == Corruption.UNKNOWN_ITEM_TYPE ? "z" : item.itemType());
        g.writeStringField("item_description", item.itemDescription());
        g.writeStringField("album_title", item.albumTitle());
        g.writeStringField("slug_type", item.slugType());
        g.writeNullField("track_album_slug_text");
        g.writeStringField("currency", item.currency());
        if (corruption == Corruption.AMOUNT_NOT_A_NUMBER) {
            g.writeStringField("amount_paid", "abc");
        } else {
            rawNumber(g, "amount_paid", item.amountPaid());
        }
        rawNumber(g, "item_price", item.itemPrice());
        rawNumber(g, "amount_paid_usd", item.amountPaidUsd());
        g.writeStringField("country", item.country());
        nullableNumber(g, "art_id", item.artId());
        g.writeNullField("releases");
        nullableNumber(g, "package_image_id", item.packageImageId());
        g.writeStringField("url", item.url());
        g.writeStringField("country_code", item.countryCode());
        g.writeStringField("amount_paid_fmt", item.amountPaidFmt());
        if (item.amountOverFmt() != null) {
            g.writeStringField("amount_over_fmt", item.amountOverFmt());
        }
        g.writeStringField("art_url", item.artUrl());
        if (item.itemSlug() != null) {
            g.writeStringField("item_slug", item.itemSlug());
        }
        g.writeEndObject();
    }

    private static void rawNumber(JsonGenerator g, String name, String text) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(text);
    }

    private static void nullableNumber(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private interface JsonWriting {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(JsonWriting writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writing.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }
}
