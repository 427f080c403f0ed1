package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductDefinition;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A catalog product as callers see it.
 *
 * @param credits     wallet minor units a credits pack grants, or a subscription per paid period (null: none)
 * @param entitlement what a subscription grants ({@code premium}); null for a credits pack
 * @param period      a subscription's ISO-8601 period ({@code P1M}); null for a credits pack
 * @param skus        store wire name → that store's product id
 */
public record ProductView(String productId, String title, String kind, Long credits, String entitlement,
                          String period, Map<String, String> skus, boolean active, Instant createdAt,
                          Instant updatedAt) {

    public static ProductView of(Product product) {
        ProductDefinition d = product.definition();
        Map<String, String> skus = new TreeMap<>();
        d.skus().forEach((store, sku) -> skus.put(store.wireName(), sku));
        return new ProductView(product.id().value(), d.title(), d.kind().wireName(), d.credits(), d.entitlement(),
                d.period() == null ? null : d.period().toString(), skus, product.active(), product.createdAt(),
                product.updatedAt());
    }
}
