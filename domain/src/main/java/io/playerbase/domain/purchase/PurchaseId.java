package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.ObjectIds;

import java.time.Instant;

/** Our id of a recorded purchase: 24 lower-case hex digits, ObjectId-shaped and time-ordered. */
public record PurchaseId(String value) {

    public PurchaseId {
        if (!ObjectIds.isHex24(value)) {
            throw new InvalidValue("purchase_id", "must be 24 lower-case hex digits");
        }
    }

    public static PurchaseId newId(Instant now) {
        return new PurchaseId(ObjectIds.newHex(now));
    }

    @Override
    public String toString() {
        return value;
    }
}
