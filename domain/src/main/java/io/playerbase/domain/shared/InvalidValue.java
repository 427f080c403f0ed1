package io.playerbase.domain.shared;

import java.util.List;

/** A value that is malformed by itself: thrown by value-object constructors. */
public final class InvalidValue extends DomainException {
    public InvalidValue(String field, String message) {
        super("invalid-value", field + ": " + message, List.of(new FieldError(field, message)));
    }

    public InvalidValue(List<FieldError> fieldErrors) {
        super("invalid-value", "Some fields are invalid", fieldErrors);
    }

    /** A malformed or missing input that clients must tell apart from other invalid values (its own code). */
    public InvalidValue(String code, String detail, List<FieldError> fieldErrors) {
        super(code, detail, fieldErrors);
    }
}
