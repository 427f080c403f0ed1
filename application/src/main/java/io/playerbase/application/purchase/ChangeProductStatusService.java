package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.ChangeProductStatusUseCase;
import io.playerbase.application.purchase.port.in.ProductView;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class ChangeProductStatusService implements ChangeProductStatusUseCase {

    private static final int MAX_ATTEMPTS = 10;

    private final ProductCatalog catalog;
    private final Clock clock;

    ChangeProductStatusService(ProductCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Idempotent, so a concurrent edit is simply retried on the fresh product. */
    @Override
    public ProductView change(Command command) {
        for (int attempt = 1; ; attempt++) {
            Product product = catalog.find(command.productId())
                    .orElseThrow(() -> new NotFound("product-not-found", "No such product"));
            if (!product.activate(command.active(), clock.instant())) {
                return ProductView.of(product);
            }
            try {
                catalog.update(product);
                return ProductView.of(product);
            } catch (Conflict stale) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw stale;
                }
            }
        }
    }
}
