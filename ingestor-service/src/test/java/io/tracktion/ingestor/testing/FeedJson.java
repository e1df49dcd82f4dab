package io.tracktion.ingestor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** Feed response bodies for tests: the shared Bandcamp samples, and windows made to measure. */
public final class FeedJson {

    private FeedJson() {
    }

    /** A sample from src/test/resources/bandcamp (copied from the shared Bandcamp samples, ../shared/bandcamp). */
    public static String sample(String name) {
        try (InputStream in = FeedJson.class.getResourceAsStream("/bandcamp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bare window (the get answer). */
    public static String window(long start, long end, long serverTime, List<String> events) {
        return "{\"start_date\": " + start + ", \"end_date\": " + end + ", \"data_delay_sec\": 120,\n"
                + " \"events\": [" + String.join(",\n", events) + "],\n \"server_time\": " + serverTime + "}";
    }

    /** A window wrapped in feed_data (the get_initial answer). */
    public static String initial(long start, long end, long serverTime, List<String> events) {
        return "{\"feed_data\": " + window(start, end, serverTime, events) + "}";
    }

    /**
     * A feed whose windows of {@code length} seconds follow each other from {@code firstStart}, each with
     * one sale named after its start, as far as the feed is complete ({@code serverTime} minus 120 s
     * delay); later windows are empty answers.
     */
    public static Function<ScriptedFeedServer.Request, ScriptedFeedServer.Response> contiguousFeed(
            long firstStart, int length, long serverTime) {
        return request -> {
            long start = request.isInitial() ? firstStart : request.startDate();
            long end = start + length;
            if (end > serverTime - 120) {
                return ScriptedFeedServer.Response.json(empty(serverTime));
            }
            List<String> carts = List.of(cart(start + 1, "sold-at-" + start));
            return ScriptedFeedServer.Response.json(request.isInitial()
                    ? initial(start, end, serverTime, carts) : window(start, end, serverTime, carts));
        };
    }

    public static String empty(long serverTime) {
        return "{\"server_time\": " + serverTime + "}";
    }

    /** A one-item sale cart at {@code second}; the item's description makes it unique. */
    public static String cart(long second, String description) {
        return "{\"event_type\": \"sale\", \"utc_date\": " + second + ".25, \"items\": [" + item(second, description) + "]}";
    }

    /** A sold album, shaped like the samples. */
    public static String item(long second, String description) {
        return "{\"utc_date\": " + second + ".5301187, \"artist_name\": \"Test Artist\", \"item_type\": \"a\", "
                + "\"item_description\": \"" + description + "\", \"album_title\": null, \"slug_type\": \"a\", "
                + "\"currency\": \"USD\", \"amount_paid\": 4.989999771118164, \"item_price\": 5, "
                + "\"amount_paid_usd\": 4.99, \"country\": \"Canada\", \"country_code\": \"ca\", "
                + "\"url\": \"//testartist.bandcamp.com/album/x\", \"amount_paid_fmt\": \"$4.99\"}";
    }
}
