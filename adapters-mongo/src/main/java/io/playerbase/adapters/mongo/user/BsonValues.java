package io.playerbase.adapters.mongo.user;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between BSON-typed values and the plain JDK values the domain holds in module data. */
final class BsonValues {

    private BsonValues() {
    }

    static Object toPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, nested) -> plain.put(String.valueOf(key), toPlain(nested)));
            return plain;
        }
        if (value instanceof List<?> list) {
            List<Object> plain = new ArrayList<>(list.size());
            list.forEach(item -> plain.add(toPlain(item)));
            return plain;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return value;
    }

    static Object toBson(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((key, nested) -> document.append(String.valueOf(key), toBson(nested)));
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> bson = new ArrayList<>(list.size());
            list.forEach(item -> bson.add(toBson(item)));
            return bson;
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toPlainMap(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) toPlain(value) : new LinkedHashMap<>();
    }
}
