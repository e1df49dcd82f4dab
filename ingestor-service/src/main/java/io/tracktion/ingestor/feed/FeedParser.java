package io.tracktion.ingestor.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a sales feed response into a {@link FeedWindow}, keeping each item's JSON verbatim.
 *
 * <p>A streaming parser runs over the body string and the text of each item is cut out of the body by
 * the parser's character offsets, so nothing is re-serialised: numbers keep their exact text
 * ({@code 4.989999771118164}), unknown fields, key order and whitespace stay as served. The window may be
 * wrapped in {@code feed_data} (get_initial) or bare (get). Unknown fields are ignored; missing or null
 * ones are tolerated. What cannot be a window (not JSON, not an object, a date that is not a number,
 * events without an end_date) is a {@link MalformedFeedException}.
 */
public final class FeedParser {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private FeedParser() {
    }

    public static FeedWindow parse(String body) throws MalformedFeedException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedFeedException("the body is not a JSON object", body, null);
            }
            WindowFields window = new BodyReader(parser, body).readWindow(true);
            if (parser.nextToken() != null) {
                throw new MalformedFeedException("content after the JSON object", body, null);
            }
            return window.toWindow(body);
        } catch (JsonProcessingException e) {
            throw new MalformedFeedException("not valid JSON: " + e.getOriginalMessage(), body, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a string cannot fail, yet it did", e);
        }
    }

    /** The window's fields as read so far; the wrapped window (feed_data) wins over the outer one. */
    private static final class WindowFields {
        Long startDate;
        Long endDate;
        Integer dataDelaySec;
        Long serverTime;
        boolean hasEvents;
        final List<FeedEvent> events = new ArrayList<>();
        final List<String> unreadableEvents = new ArrayList<>();
        WindowFields wrapped;

        FeedWindow toWindow(String body) throws MalformedFeedException {
            if (wrapped != null) {
                if (wrapped.serverTime == null) {
                    wrapped.serverTime = serverTime;
                }
                return wrapped.toWindow(body);
            }
            if (endDate == null && (hasEvents || startDate != null)) {
                throw new MalformedFeedException("a window with start_date or events but no end_date", body, null);
            }
            if (startDate != null && endDate < startDate) {
                throw new MalformedFeedException("end_date " + endDate + " is before start_date " + startDate, body, null);
            }
            return new FeedWindow(startDate, endDate, dataDelaySec, serverTime, events, unreadableEvents);
        }
    }

    /** Walks one body; the parser is positioned by the caller at the token each method starts from. */
    private static final class BodyReader {
        private final JsonParser parser;
        private final String body;

        BodyReader(JsonParser parser, String body) {
            this.parser = parser;
            this.body = body;
        }

        /** Reads the object whose START_OBJECT is the current token. */
        WindowFields readWindow(boolean allowWrapper) throws IOException, MalformedFeedException {
            WindowFields window = new WindowFields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "feed_data" -> {
                        if (allowWrapper && value == JsonToken.START_OBJECT) {
                            window.wrapped = readWindow(false);
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw malformed("feed_data is not an object");
                        }
                    }
                    case "start_date" -> window.startDate = wholeNumber(name);
                    case "end_date" -> window.endDate = wholeNumber(name);
                    case "server_time" -> window.serverTime = wholeNumber(name);
                    case "data_delay_sec" -> window.dataDelaySec = toInt(name, wholeNumber(name));
                    case "events" -> {
                        if (value == JsonToken.START_ARRAY) {
                            window.hasEvents = true;
                            readEvents(window);
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw malformed("events is not a list");
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return window;
        }

        private void readEvents(WindowFields window) throws IOException {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = tokenStart();
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    window.unreadableEvents.add(body.substring(start, skipValue()));
                    continue;
                }
                FeedEvent event = readEvent();
                if (event == null) {
                    window.unreadableEvents.add(body.substring(start, tokenStart() + 1));
                } else {
                    window.events.add(event);
                }
            }
        }

        /** Reads a cart; null when its items are neither a list nor null. */
        private FeedEvent readEvent() throws IOException {
            String eventType = null;
            String utcDate = null;
            List<FeedItem> items = new ArrayList<>();
            boolean itemsReadable = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "event_type" -> eventType = valueText();
                    case "utc_date" -> utcDate = valueText();
                    case "items" -> {
                        if (value == JsonToken.START_ARRAY) {
                            readItems(items);
                        } else if (value != JsonToken.VALUE_NULL) {
                            itemsReadable = false;
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (!itemsReadable) {
                return null;
            }
            List<String> saleIds = items.stream().map(FeedItem::saleId).toList();
            return new FeedEvent(SaleIds.eventId(utcDate, eventType, saleIds), eventType, utcDate, items);
        }

        private void readItems(List<FeedItem> items) throws IOException {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = tokenStart();
                Map<String, String> idFields = new HashMap<>();
                int end;
                if (parser.currentToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if (SaleIds.SALE_ID_FIELDS.contains(name)) {
                            idFields.put(name, valueText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                    end = tokenStart() + 1;
                } else {
                    end = skipValue();
                }
                items.add(new FeedItem(SaleIds.saleId(idFields), body.substring(start, end), idFields.get("url")));
            }
        }

        /**
         * The text of the current value: a string's decoded value, a number's or literal's text exactly as
         * received, null for JSON null, and the verbatim JSON of an object or list.
         */
        private String valueText() throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                int start = tokenStart();
                return body.substring(start, skipValue());
            }
            return parser.getText();
        }

        /** Moves past the current value and returns the body offset just after it. */
        private int skipValue() throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
                return tokenStart() + 1;
            }
            parser.getText(); // a string token is read lazily: finish it so the location is past it
            return (int) parser.currentLocation().getCharOffset();
        }

        private int tokenStart() {
            return (int) parser.currentTokenLocation().getCharOffset();
        }

        private Long wholeNumber(String name) throws IOException, MalformedFeedException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return parser.getLongValue();
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal value = parser.getDecimalValue();
                try {
                    return value.longValueExact();
                } catch (ArithmeticException e) {
                    throw malformed(name + " is not a whole number: " + parser.getText());
                }
            }
            throw malformed(name + " is not a number");
        }

        private Integer toInt(String name, Long value) throws MalformedFeedException {
            if (value == null) {
                return null;
            }
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw malformed(name + " is out of range: " + value);
            }
            return value.intValue();
        }

        private MalformedFeedException malformed(String reason) {
            return new MalformedFeedException(reason, body, null);
        }
    }
}
