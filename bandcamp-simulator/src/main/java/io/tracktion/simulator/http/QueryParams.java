package io.tracktion.simulator.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The decoded query parameters of a request (the first value wins when a name repeats). */
public final class QueryParams {

    private final Map<String, String> values = new LinkedHashMap<>();

    private QueryParams(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
    }

    public static QueryParams of(URI uri) {
        return new QueryParams(uri.getRawQuery());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("malformed query string");
        }
    }
}
