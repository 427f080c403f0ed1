package io.playerbase.adapters.rest.support;

import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Values of requests that JSON has no type for, read as literally as JSON values are
 * ({@link StrictDecoder}): an instant only from an ISO-8601 string with an offset, a boolean query
 * value only from {@code true} or {@code false}.
 */
public final class RequestValues {

    private RequestValues() {
    }

    /** {@code 2026-05-01T10:00:00Z} or {@code 2026-05-01T12:00:00+02:00}; not epoch numbers, not local times. */
    public static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValue("malformed-request", field + " must be an ISO-8601 instant such as 2026-05-01T10:00:00Z",
                    List.of(new FieldError(field, "must be an ISO-8601 instant such as 2026-05-01T10:00:00Z")));
        }
    }

    /** A boolean query parameter: absent or empty is {@code absent}; {@code true} or {@code false}; anything else is a 400. */
    public static Boolean bool(String parameter, String text, Boolean absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidValue(parameter, "must be true or false");
        };
    }
}
