package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.wallet.LedgerEntry;

import java.time.Instant;
import java.util.Locale;

/**
 * One ledger entry as callers see it (decrypted).
 *
 * @param signedAmount the change to the balance: negative for money out
 * @param reverses     for a reversal, the operation id it undoes; else {@code null}
 */
public record TransactionView(String id, long sequence, String operationId, String kind, long amount, long signedAmount,
                              long balanceAfter, String currency, String reason, String description, String source,
                              String actorId, String actorRole, String reverses, Instant createdAt) {

    public static TransactionView of(LedgerEntry entry) {
        return new TransactionView(entry.id().value(), entry.sequence(), entry.operationId().value(), entry.kind().wire(),
                entry.amount().minorUnits(), entry.signedAmount(), entry.balanceAfter(), entry.currency().code(),
                entry.reason().value(), entry.description(), entry.source().wire(), entry.actor().id(),
                entry.actor().role().name().toLowerCase(Locale.ROOT),
                entry.reverses() == null ? null : entry.reverses().operationId().value(), entry.createdAt());
    }

    @Override
    public String toString() {
        return "TransactionView[id=" + id + ", sequence=" + sequence + ", kind=" + kind + "]";
    }
}
