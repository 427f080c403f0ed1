package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.regex.Pattern;

/** Our id of a recorded purchase: 24 lower-case hex digits, ObjectId-shaped and time-ordered. */
public record PurchaseId(String value) {

    private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");

    public PurchaseId {
        if (value == null || !HEX24.matcher(value).matches()) {
            throw new InvalidValue("purchase_id", "must be 24 lower-case hex digits");
        }
    }

    public static PurchaseId newId(Instant now) {
        return new PurchaseId(UserId.newId(now).value());
    }

    @Override
    public String toString() {
        return value;
    }
}
