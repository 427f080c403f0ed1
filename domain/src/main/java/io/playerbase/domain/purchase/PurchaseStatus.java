package io.playerbase.domain.purchase;

import java.util.Locale;

/**
 * Where a recorded purchase stands. A credits pack goes {@code granting} (recorded, the credit may not
 * be in the wallet yet) → {@code granted}; a subscription is {@code recorded} for the subscription
 * module to activate; a refund goes {@code refunding} (the credits may not be taken back yet) →
 * {@code refunded}; a refund its store reverses takes a purchase back to {@code granting} (or
 * {@code recorded}) for a new round. The two "-ing" states are finished by a retry or by the recovery pass.
 */
public enum PurchaseStatus {
    GRANTING, GRANTED, RECORDED, REFUNDING, REFUNDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PurchaseStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
