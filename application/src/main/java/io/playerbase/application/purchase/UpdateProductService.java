package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.ProductView;
import io.playerbase.application.purchase.port.in.UpdateProductUseCase;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.shared.NotFound;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class UpdateProductService implements UpdateProductUseCase {

    private final ProductCatalog catalog;
    private final Clock clock;

    UpdateProductService(ProductCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A concurrent edit surfaces as 409 {@code stale-version}: the admin re-reads and decides again. */
    @Override
    public ProductView update(Command command) {
        Product product = catalog.find(command.productId())
                .orElseThrow(() -> new NotFound("product-not-found", "No such product"));
        product.redefine(command.definition(), clock.instant());
        catalog.update(product);
        return ProductView.of(product);
    }
}
