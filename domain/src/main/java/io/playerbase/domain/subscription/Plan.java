package io.playerbase.domain.subscription;

import java.util.Objects;

/**
 * The catalog's product behind a store SKU, as the subscription module needs it: our product id (the
 * subscription's {@code plan}) and the credits it grants per paid period (0 when none).
 */
public record Plan(String productId, long creditsPerPeriod) {

    public Plan {
        Objects.requireNonNull(productId, "productId");
        if (creditsPerPeriod < 0) {
            throw new IllegalArgumentException("credits cannot be negative");
        }
    }
}
