package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link ProductCatalog}, held to {@code ProductCatalogContract} like the Mongo adapter. */
public final class InMemoryProductCatalog implements ProductCatalog {

    private final Map<String, Product.StoredState> products = new TreeMap<>();

    @Override
    public synchronized void insert(Product product) {
        if (products.containsKey(product.id().value())) {
            throw new Conflict("product-exists", "A product with this id exists");
        }
        checkSkus(product);
        product.markStored(1);
        products.put(product.id().value(), product.storedState());
    }

    @Override
    public synchronized void update(Product product) {
        Product.StoredState current = products.get(product.id().value());
        if (current == null || current.version() != product.version()) {
            throw Conflict.stale("Product");
        }
        checkSkus(product);
        product.markStored(product.version() + 1);
        products.put(product.id().value(), product.storedState());
    }

    private void checkSkus(Product product) {
        for (Product.StoredState other : products.values()) {
            if (other.id().equals(product.id())) {
                continue;
            }
            product.definition().skus().forEach((store, sku) -> {
                if (sku.equals(other.definition().skus().get(store))) {
                    throw new Conflict("sku-taken", "Another product has the " + store.wireName() + " SKU " + sku);
                }
            });
        }
    }

    @Override
    public synchronized Optional<Product> find(ProductId id) {
        return Optional.ofNullable(products.get(id.value())).map(Product::restore);
    }

    @Override
    public synchronized Optional<Product> findBySku(Store store, String sku) {
        return products.values().stream().filter(p -> sku.equals(p.definition().skus().get(store)))
                .findFirst().map(Product::restore);
    }

    @Override
    public synchronized Page<Product> list(boolean activeOnly, PageRequest page) {
        List<Product.StoredState> matching = products.values().stream()
                .filter(p -> !activeOnly || p.active())
                .filter(p -> page.cursor() == null || p.id().value().compareTo(page.cursor()) > 0)
                .limit(page.limit() + 1L).toList();
        boolean more = matching.size() > page.limit();
        List<Product> items = matching.stream().limit(page.limit()).map(Product::restore).toList();
        return new Page<>(items, more ? items.get(items.size() - 1).id().value() : null);
    }
}
