package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Locale;

/**
 * What a ledger entry does to the balance: a credit adds, a debit takes, a reversal undoes an earlier
 * entry, a debt records money owed without touching the balance (docs/purchases.md, "the debt rule").
 */
public enum TransactionKind {
    CREDIT, DEBIT, REVERSAL, DEBT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransactionKind fromWire(String value) {
        for (TransactionKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new InvalidValue("kind", "must be one of credit, debit, reversal, debt");
    }
}
