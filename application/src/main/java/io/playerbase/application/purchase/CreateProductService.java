package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.CreateProductUseCase;
import io.playerbase.application.purchase.port.in.ProductView;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class CreateProductService implements CreateProductUseCase {

    private final ProductCatalog catalog;
    private final Clock clock;

    CreateProductService(ProductCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public ProductView create(Command command) {
        Product product = Product.create(command.productId(), command.definition(), clock.instant());
        catalog.insert(product);
        return ProductView.of(product);
    }
}
