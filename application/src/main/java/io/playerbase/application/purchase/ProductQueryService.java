package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.ProductQueries;
import io.playerbase.application.purchase.port.in.ProductView;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import jakarta.inject.Singleton;

@Singleton
final class ProductQueryService implements ProductQueries {

    private final ProductCatalog catalog;

    ProductQueryService(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Page<ProductView> list(boolean activeOnly, PageRequest page) {
        return catalog.list(activeOnly, page).map(ProductView::of);
    }
}
