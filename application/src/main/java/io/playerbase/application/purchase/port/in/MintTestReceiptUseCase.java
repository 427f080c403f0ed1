package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.ProductId;

public interface MintTestReceiptUseCase {

    /**
     * A test-store receipt for a product, for developers and demos: 422 {@code test-store-disabled}
     * unless the test store is enabled and the database is not production.
     */
    String mint(ProductId productId);
}
