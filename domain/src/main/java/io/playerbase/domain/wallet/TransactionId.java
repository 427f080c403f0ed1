package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.ObjectIds;

import java.time.Instant;

/** Identity of a ledger entry: 24 hex digits in the shape of a MongoDB ObjectId (seconds, then random bytes). */
public record TransactionId(String value) {

    public TransactionId {
        if (!ObjectIds.isHex24(value)) {
            throw new InvalidValue("transaction_id", "must be 24 lower-case hex digits");
        }
    }

    public static TransactionId newId(Instant now) {
        return new TransactionId(ObjectIds.newHex(now));
    }

    @Override
    public String toString() {
        return value;
    }
}
