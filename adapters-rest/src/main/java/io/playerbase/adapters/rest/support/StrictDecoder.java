package io.playerbase.adapters.rest.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.DelegatingDecoder;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Takes request JSON literally. The stock decoder coerces ({@code 99.99}, {@code "100"}, {@code true}
 * and {@code [7]} all become the integer a field asks for; {@code true} becomes the string "true"):
 * here an integer comes only from a JSON integer in range, a string only from a JSON string of valid
 * text ({@link RequestText}), a boolean only from a JSON boolean. Anything else is a 400
 * {@code malformed-request} naming the field by its JSON path ({@code players[1].points}).
 */
final class StrictDecoder extends DelegatingDecoder {

    private enum Kind { VALUE, OBJECT, ARRAY }

    /** Where in the body decoding last was: names the field when the framework's own deserializer fails. */
    static final class Position {
        private String path = "";

        String field() {
            return path.isEmpty() ? "body" : path;
        }
    }

    private final Decoder delegate;
    private final String path;
    private final Kind kind;
    private final Position position;
    private String key;
    private int index = -1;

    private StrictDecoder(Decoder delegate, String path, Kind kind, Position position) {
        this.delegate = delegate;
        this.path = path;
        this.kind = kind;
        this.position = position;
    }

    /** The decoder of a whole request body, reporting where it is to {@code position}. */
    static Decoder of(Decoder delegate, Position position) {
        return new StrictDecoder(delegate, "", Kind.VALUE, position);
    }

    /** Every read of a value starts here: it records the value's path first. */
    @Override
    protected Decoder delegate() {
        position.path = valuePath();
        return delegate;
    }

    /** The JSON path of the value this decoder reads next; "body" for the body itself. */
    private String valuePath() {
        return switch (kind) {
            case VALUE -> path;
            case OBJECT -> path.isEmpty() ? String.valueOf(key) : path + "." + key;
            case ARRAY -> path + "[" + index + "]";
        };
    }

    @Override
    public Decoder decodeObject(Argument<?> type) throws IOException {
        return new StrictDecoder(delegate().decodeObject(type), valuePath(), Kind.OBJECT, position);
    }

    @Override
    public Decoder decodeObject() throws IOException {
        return decodeObject(Argument.OBJECT_ARGUMENT);
    }

    @Override
    public Decoder decodeArray(Argument<?> type) throws IOException {
        return new StrictDecoder(delegate().decodeArray(type), valuePath(), Kind.ARRAY, position);
    }

    @Override
    public Decoder decodeArray() throws IOException {
        return decodeArray(Argument.OBJECT_ARGUMENT);
    }

    @Override
    public Decoder decodeBuffer() throws IOException {
        return new StrictDecoder(delegate().decodeBuffer(), valuePath(), Kind.VALUE, position);
    }

    @Override
    public boolean hasNextArrayValue() throws IOException {
        boolean next = delegate().hasNextArrayValue();
        if (next) {
            index++;
        }
        return next;
    }

    @Override
    public String decodeKey() throws IOException {
        key = delegate().decodeKey();
        if (key != null) {
            String problem = RequestText.problem(key);
            if (problem != null) {
                throw malformed(path.isEmpty() ? "body" : path, "has a field name that " + problem);
            }
        }
        return key;
    }

    @Override
    public String decodeString() throws IOException {
        String value = decodeStringNullable();
        if (value == null) {
            throw malformed(valuePath(), "must be a string");
        }
        return value;
    }

    @Override
    public String decodeStringNullable() throws IOException {
        JsonNode node = delegate().decodeNode();
        if (node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw malformed(valuePath(), "must be a string");
        }
        String problem = RequestText.problem(node.getStringValue());
        if (problem != null) {
            throw malformed(valuePath(), problem);
        }
        return node.getStringValue();
    }

    @Override
    public char decodeChar() throws IOException {
        Character value = decodeCharNullable();
        if (value == null) {
            throw malformed(valuePath(), "must be a one-character string");
        }
        return value;
    }

    @Override
    public Character decodeCharNullable() throws IOException {
        String value = decodeStringNullable();
        if (value != null && value.length() != 1) {
            throw malformed(valuePath(), "must be a one-character string");
        }
        return value == null ? null : value.charAt(0);
    }

    @Override
    public boolean decodeBoolean() throws IOException {
        return required(decodeBooleanNullable(), "must be true or false");
    }

    @Override
    public Boolean decodeBooleanNullable() throws IOException {
        JsonNode node = delegate().decodeNode();
        if (node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw malformed(valuePath(), "must be true or false");
        }
        return node.getBooleanValue();
    }

    @Override
    public byte decodeByte() throws IOException {
        return required(decodeByteNullable(), "must be an integer");
    }

    @Override
    public Byte decodeByteNullable() throws IOException {
        BigInteger value = integer(Byte.MIN_VALUE, Byte.MAX_VALUE);
        return value == null ? null : value.byteValue();
    }

    @Override
    public short decodeShort() throws IOException {
        return required(decodeShortNullable(), "must be an integer");
    }

    @Override
    public Short decodeShortNullable() throws IOException {
        BigInteger value = integer(Short.MIN_VALUE, Short.MAX_VALUE);
        return value == null ? null : value.shortValue();
    }

    @Override
    public int decodeInt() throws IOException {
        return required(decodeIntNullable(), "must be an integer");
    }

    @Override
    public Integer decodeIntNullable() throws IOException {
        BigInteger value = integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    @Override
    public long decodeLong() throws IOException {
        return required(decodeLongNullable(), "must be an integer");
    }

    @Override
    public Long decodeLongNullable() throws IOException {
        BigInteger value = integer(Long.MIN_VALUE, Long.MAX_VALUE);
        return value == null ? null : value.longValue();
    }

    @Override
    public BigInteger decodeBigInteger() throws IOException {
        return required(decodeBigIntegerNullable(), "must be an integer");
    }

    @Override
    public BigInteger decodeBigIntegerNullable() throws IOException {
        JsonNode node = delegate().decodeNode();
        return node.isNull() ? null : integer(node);
    }

    @Override
    public float decodeFloat() throws IOException {
        return required(decodeFloatNullable(), "must be a number");
    }

    @Override
    public Float decodeFloatNullable() throws IOException {
        BigDecimal value = decodeBigDecimalNullable();
        return value == null ? null : value.floatValue();
    }

    @Override
    public double decodeDouble() throws IOException {
        return required(decodeDoubleNullable(), "must be a number");
    }

    @Override
    public Double decodeDoubleNullable() throws IOException {
        BigDecimal value = decodeBigDecimalNullable();
        return value == null ? null : value.doubleValue();
    }

    @Override
    public BigDecimal decodeBigDecimal() throws IOException {
        return required(decodeBigDecimalNullable(), "must be a number");
    }

    @Override
    public BigDecimal decodeBigDecimalNullable() throws IOException {
        JsonNode node = delegate().decodeNode();
        if (node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw malformed(valuePath(), "must be a number");
        }
        return node.getBigDecimalValue();
    }

    @Override
    public Number decodeNumber() throws IOException {
        return required(decodeNumberNullable(), "must be a number");
    }

    @Override
    public Number decodeNumberNullable() throws IOException {
        return decodeBigDecimalNullable();
    }

    @Override
    public byte[] decodeBinary() throws IOException {
        throw malformed(valuePath(), "is not accepted");
    }

    @Override
    public byte[] decodeBinaryNullable() throws IOException {
        throw malformed(valuePath(), "is not accepted");
    }

    @Override
    public IOException createDeserializationException(String message, Object invalidValue) {
        return delegate.createDeserializationException(message, invalidValue);
    }

    private BigInteger integer(long min, long max) throws IOException {
        JsonNode node = delegate().decodeNode();
        if (node.isNull()) {
            return null;
        }
        BigInteger value = integer(node);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw malformed(valuePath(), "must be an integer from " + min + " to " + max);
        }
        return value;
    }

    /** A JSON integer: {@code 2.0}, {@code 2e0} and {@code "2"} are not (the parser keeps the token's kind). */
    private BigInteger integer(JsonNode node) {
        if (node.isNumber()) {
            Number number = node.getNumberValue();
            if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
                return BigInteger.valueOf(number.longValue());
            }
            if (number instanceof BigInteger big) {
                return big;
            }
        }
        throw malformed(valuePath(), "must be an integer");
    }

    private <T> T required(T value, String message) {
        if (value == null) {
            throw malformed(valuePath(), message);
        }
        return value;
    }

    static InvalidValue malformed(String field, String message) {
        String name = field.isEmpty() ? "body" : field;
        return new InvalidValue("malformed-request", name + " " + message, List.of(new FieldError(name, message)));
    }
}
