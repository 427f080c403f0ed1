package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.ProductDefinition;
import io.playerbase.domain.purchase.ProductId;

import java.util.Map;

public interface UpdateProductUseCase {

    /**
     * Replaces a product's title, grant and SKUs (the kind stays: 422 {@code product-kind-immutable}).
     * Purchases recorded before keep what they granted.
     */
    ProductView update(Command command);

    record Command(ProductId productId, ProductDefinition definition) {

        public static Command of(String productId, String title, String kind, Long credits, String entitlement,
                                 String period, Map<String, String> skus) {
            ProductId id = ProductCommands.productId(productId);
            return new Command(id, ProductCommands.definition(title, kind, credits, entitlement, period, skus));
        }
    }
}
