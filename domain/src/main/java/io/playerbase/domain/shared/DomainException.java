package io.playerbase.domain.shared;

import java.util.List;

/**
 * The one error family of Playerbase. Each kind maps to one HTTP status in one place
 * (the REST error handler); {@link #code()} is a stable, machine-readable slug that
 * becomes the problem {@code type}.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, RuleViolation, InvalidValue, AuthenticationFailed, Unavailable, RateLimited,
        StoredDataUnreadable {

    private final String code;
    private final List<FieldError> fieldErrors;

    protected DomainException(String code, String detail, List<FieldError> fieldErrors) {
        super(detail);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    protected DomainException(String code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.fieldErrors = List.of();
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** A problem with one input field: its name (JSON property path) and what is wrong. */
    public record FieldError(String field, String message) {
    }
}
