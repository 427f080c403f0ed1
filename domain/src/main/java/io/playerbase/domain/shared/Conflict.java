package io.playerbase.domain.shared;

import java.util.List;

/** The request clashes with the current state: a taken name, a stale version, a request in flight. */
public final class Conflict extends DomainException {
    public Conflict(String code, String detail) {
        super(code, detail, List.of());
    }

    public Conflict(String code, String detail, List<FieldError> fieldErrors) {
        super(code, detail, fieldErrors);
    }

    /** The aggregate changed since it was read; the caller may re-read and retry. */
    public static Conflict stale(String what) {
        return new Conflict("stale-version", what + " was changed concurrently; retry");
    }
}
