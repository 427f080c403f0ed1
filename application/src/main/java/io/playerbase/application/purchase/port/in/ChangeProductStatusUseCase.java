package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.ProductId;

public interface ChangeProductStatusUseCase {

    /** Deactivates (or reactivates) a product; idempotent. Purchases already recorded are unaffected. */
    ProductView change(Command command);

    record Command(ProductId productId, boolean active) {
    }
}
