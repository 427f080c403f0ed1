package io.playerbase.adapters.stores;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * Typed reads of a store's JSON, taken literally: a field of the wrong JSON type is not converted but
 * reported as {@link WrongType}, so a payload means exactly what the store wrote.
 */
public final class JsonFields {

    /** A field is present with another JSON type than the store documents. */
    public static final class WrongType extends RuntimeException {
        public WrongType(String field, String expected) {
            super(field + " is not " + expected);
        }
    }

    private JsonFields() {
    }

    public static Optional<String> text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new WrongType(field, "a string");
        }
        return Optional.of(value.asText());
    }

    public static Optional<Long> integer(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new WrongType(field, "an integer");
        }
        return Optional.of(value.asLong());
    }

    /** Google sends 64-bit integers (epoch milliseconds, states) as JSON strings of digits. */
    public static Optional<Long> integerText(JsonNode object, String field) {
        Optional<String> text = text(object, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            throw new WrongType(field, "a string of digits");
        }
    }

    public static Optional<Boolean> bool(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new WrongType(field, "a boolean");
        }
        return Optional.of(value.asBoolean());
    }

    public static Optional<JsonNode> object(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new WrongType(field, "an object");
        }
        return Optional.of(value);
    }

    public static Optional<Instant> epochMillis(JsonNode object, String field) {
        return integer(object, field).map(Instant::ofEpochMilli);
    }
}
