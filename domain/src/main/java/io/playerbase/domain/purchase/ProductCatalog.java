package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;

import java.util.Optional;

/** Outgoing port for the product catalog ({@code store_products}). */
public interface ProductCatalog {

    /**
     * Stores a new product; {@link io.playerbase.domain.shared.Conflict} {@code product-exists} when the
     * id is taken, {@code sku-taken} when another product has one of its SKUs in the same store.
     */
    void insert(Product product);

    /**
     * Stores a changed product if nobody changed it since it was read ({@link Product#version()}),
     * else {@link io.playerbase.domain.shared.Conflict#stale}; {@code sku-taken} as for insert.
     * Afterwards the product carries the new version.
     */
    void update(Product product);

    Optional<Product> find(ProductId id);

    /** The product a store's SKU stands for, active or not. */
    Optional<Product> findBySku(Store store, String sku);

    /** Products by id; only the active ones when {@code activeOnly}. */
    Page<Product> list(boolean activeOnly, PageRequest page);
}
