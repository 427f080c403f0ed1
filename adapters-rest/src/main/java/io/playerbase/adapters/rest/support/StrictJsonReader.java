package io.playerbase.adapters.rest.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.jackson.JacksonDecoder;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads every JSON request body, ahead of the framework's reader: the body must be exactly one JSON
 * value (nothing after it but white space), an object may not repeat a field, and values are taken
 * literally ({@link StrictDecoder}). Faults are 400 {@code malformed-request}, naming the field where
 * there is one. Responses are still written by the framework.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
@Order(-100)
final class StrictJsonReader<T> implements MessageBodyReader<T> {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String UNKNOWN_PROPERTY = "Unknown property [";

    private final SerdeRegistry registry;
    private final LimitingStream.RemainingLimits limits;

    StrictJsonReader(SerdeRegistry registry, SerdeConfiguration configuration) {
        this.registry = registry;
        this.limits = LimitingStream.limitsFromConfiguration(configuration);
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return mediaType != null && mediaType.matches(MediaType.APPLICATION_JSON_TYPE);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream body) throws CodecException {
        StrictDecoder.Position position = new StrictDecoder.Position();
        try (JsonParser parser = JSON.createParser(body)) {
            Deserializer.DecoderContext context = registry.newDecoderContext(null);
            Deserializer deserializer = context.findDeserializer(type).createSpecific(context, (Argument) type);
            if (parser.nextToken() == null) {
                throw StrictDecoder.malformed("body", "is required");
            }
            // The decoder starts from the parser's current token.
            T value = (T) deserializer.deserializeNullable(StrictDecoder.of(JacksonDecoder.create(parser, limits), position),
                    context, type);
            if (value == null) {
                throw StrictDecoder.malformed("body", "must be a JSON object");
            }
            if (parser.nextToken() != null) {
                throw StrictDecoder.malformed("body", "must be a single JSON value, with nothing after it");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw StrictDecoder.malformed("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw explained(e, position);
        }
    }

    /** The field the framework names in "Unknown property [x] encountered…" (unknown fields are refused, never ignored). */
    private static String unknownProperty(String message) {
        int start = message == null ? -1 : message.indexOf(UNKNOWN_PROPERTY);
        int end = start < 0 ? -1 : message.indexOf(']', start);
        return end < 0 ? null : message.substring(start + UNKNOWN_PROPERTY.length(), end);
    }

    /** Our own verdict when there is one; else the framework failed at {@code position}: its message names Java types. */
    private static RuntimeException explained(Exception error, StrictDecoder.Position position) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidValue invalid) {
                return invalid;
            }
            if (cause instanceof JsonProcessingException json) {
                return StrictDecoder.malformed("body", "is not valid JSON: " + json.getOriginalMessage());
            }
        }
        String unknown = unknownProperty(error.getMessage());
        if (unknown != null) {
            return new InvalidValue("malformed-request", "Unknown field '" + unknown + "'",
                    List.of(new DomainException.FieldError(unknown, "is not a known field")));
        }
        return StrictDecoder.malformed(position.field(), "is not of the expected type or shape");
    }
}
