package io.playerbase.application.export.port.in;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why a member of staff exports someone's personal data: a closed list, so the audit log records a
 * reason and never free text (which could itself hold personal data).
 */
public enum ExportReason {
    /** The person asked for their data (Art. 15 or 20) through support. */
    DATA_SUBJECT_REQUEST,
    /** A legal obligation: a court order, an authority's request. */
    LEGAL_OBLIGATION,
    /** A support case that needs the whole account. */
    SUPPORT_CASE,
    FRAUD_INVESTIGATION,
    SECURITY_INCIDENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidValue naming {@code reason} when the value is missing or not one of the codes */
    public static ExportReason fromWire(String value) {
        for (ExportReason reason : values()) {
            if (reason.wire().equals(value)) {
                return reason;
            }
        }
        throw new InvalidValue("reason", "is required: one of " + Arrays.stream(values()).map(ExportReason::wire).toList());
    }
}
