package io.tracktion.transformer.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level fields of one feed item, each kept as the text it had in the JSON: a string's decoded
 * value, a number's exact characters ({@code 4.989999771118164} stays that, never a double). Nested
 * objects and lists are only marked as such: the transformer reads none of them.
 */
final class ItemJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** What kind of JSON value a field holds. */
    enum Kind { STRING, NUMBER, BOOLEAN, STRUCTURED }

    /** A non-null field value; {@code text} is null for {@link Kind#STRUCTURED}. */
    record Value(Kind kind, String text) {
    }

    private final Map<String, Value> fields;

    private ItemJson(Map<String, Value> fields) {
        this.fields = fields;
    }

    /** Reads an item; anything but exactly one JSON object is an {@link InvalidSaleException}. */
    static ItemJson parse(String json) throws InvalidSaleException {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidSaleException("item is not a JSON object: " + InvalidSaleException.shown(json));
            }
            // Repeated names: the last one wins, as in the ingestor's saleId.
            Map<String, Value> fields = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Value value = readValue(parser, parser.nextToken());
                if (value == null) {
                    fields.remove(name);
                } else {
                    fields.put(name, value);
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidSaleException("item has content after its JSON object");
            }
            return new ItemJson(fields);
        } catch (JsonProcessingException e) {
            throw new InvalidSaleException("item is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a string cannot fail, yet it did", e);
        }
    }

    private static Value readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> new Value(Kind.STRING, parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Value(Kind.NUMBER, parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> new Value(Kind.BOOLEAN, parser.getText());
            default -> {
                parser.skipChildren();
                yield new Value(Kind.STRUCTURED, null);
            }
        };
    }

    /** The field's value; null when it is absent or JSON null. */
    Value get(String field) {
        return fields.get(field);
    }
}
