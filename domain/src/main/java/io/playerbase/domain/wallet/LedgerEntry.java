package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One immutable line of a wallet's ledger. Entries of a wallet are numbered 1, 2, 3… without gaps and
 * chained: each carries the hash of the previous one and its own hash over all its fields, so a
 * removed, inserted, reordered or altered entry breaks the chain.
 *
 * <p>The hash covers the amounts, which are stored encrypted; to keep the (clear) hash from revealing
 * them to a brute-force search, it also covers a random {@code salt} that is stored encrypted too.
 *
 * @param sequence     1 for the first entry of the wallet, then +1 each
 * @param balanceAfter the balance right after this entry
 * @param reverses     for a reversal: the operation it undoes and that operation's kind; else {@code null}
 * @param description  optional statement text; {@code null} when none
 */
public record LedgerEntry(TransactionId id, UserId userId, long sequence, OperationId operationId, TransactionKind kind,
                          Amount amount, long balanceAfter, Currency currency, ReasonCode reason, String description,
                          TransactionSource source, Actor actor, Reversal reverses, Instant createdAt, String salt,
                          String previousHash, String hash) {

    /** The previous hash of a wallet's first entry. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public LedgerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1");
        }
        if ((kind == TransactionKind.REVERSAL) != (reverses != null)) {
            throw new IllegalArgumentException("a reversal, and only a reversal, names the operation it reverses");
        }
    }

    /** The operation a reversal undoes, and its kind (which decides the reversal's direction). */
    public record Reversal(OperationId operationId, TransactionKind kind) {
        public Reversal {
            Objects.requireNonNull(operationId, "operationId");
            if (kind != TransactionKind.CREDIT && kind != TransactionKind.DEBIT) {
                throw new IllegalArgumentException("only credits and debits can be reversed");
            }
        }
    }

    /** The change this entry makes to the balance: positive for money in, negative for money out. */
    public long signedAmount() {
        return signedAmount(kind, amount, reverses);
    }

    static long signedAmount(TransactionKind kind, Amount amount, Reversal reverses) {
        return switch (kind) {
            case CREDIT -> amount.minorUnits();
            case DEBIT -> -amount.minorUnits();
            case REVERSAL -> reverses.kind() == TransactionKind.CREDIT ? -amount.minorUnits() : amount.minorUnits();
            case DEBT -> 0;
        };
    }

    /** Whether the stored hash is the hash of the stored fields. */
    public boolean hashIsValid() {
        return hash.equals(computeHash());
    }

    /** Whether a request with this operation id asks for the same movement (so it is a retry, not a reuse). */
    public boolean sameMovement(TransactionKind requestedKind, Amount requestedAmount, Movement movement) {
        return kind == requestedKind
                && amount.equals(requestedAmount)
                && reason.equals(movement.reason())
                && source == movement.source()
                && Objects.equals(description, movement.description());
    }

    String computeHash() {
        return hash(id, userId, sequence, operationId, kind, amount, balanceAfter, currency, reason, description, source,
                actor, reverses, createdAt, salt, previousHash);
    }

    /**
     * SHA-256 over a length-prefixed encoding of every field (so no two different entries encode
     * alike), version-tagged so the encoding can evolve without breaking old chains.
     */
    static String hash(TransactionId id, UserId userId, long sequence, OperationId operationId, TransactionKind kind,
                       Amount amount, long balanceAfter, Currency currency, ReasonCode reason, String description,
                       TransactionSource source, Actor actor, Reversal reverses, Instant createdAt, String salt,
                       String previousHash) {
        StringBuilder canonical = new StringBuilder("ledger-v1");
        for (Object field : new Object[]{id.value(), userId.value(), sequence, operationId.value(), kind.wire(),
                amount.minorUnits(), balanceAfter, currency.code(), reason.value(), description, source.wire(),
                actor.id(), actor.role().name(), actor.requestId(),
                reverses == null ? null : reverses.operationId().value(),
                reverses == null ? null : reverses.kind().wire(),
                createdAt.toEpochMilli(), salt, previousHash}) {
            String text = field == null ? "" : field.toString();
            canonical.append('|').append(field == null ? -1 : text.length()).append(':').append(text);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        // Amounts and descriptions stay out of logs.
        return "LedgerEntry[id=" + id + ", userId=" + userId + ", sequence=" + sequence + ", operationId="
                + operationId.value() + ", kind=" + kind.wire() + "]";
    }
}
