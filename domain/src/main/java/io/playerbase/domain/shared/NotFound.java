package io.playerbase.domain.shared;

import java.util.List;

/** The thing asked for does not exist (or the caller may not know that it does). */
public final class NotFound extends DomainException {
    public NotFound(String code, String detail) {
        super(code, detail, List.of());
    }
}
