package io.playerbase.domain.shared;

import java.util.List;

/** Well-formed input that a business rule forbids (insufficient funds, wrong current password…). */
public final class RuleViolation extends DomainException {
    public RuleViolation(String code, String detail) {
        super(code, detail, List.of());
    }

    public RuleViolation(String code, String detail, List<FieldError> fieldErrors) {
        super(code, detail, fieldErrors);
    }
}
