package io.playerbase.adapters.rest.purchase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.purchase.port.in.ProductView;
import io.playerbase.application.purchase.port.in.PurchaseView;
import io.playerbase.domain.shared.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response bodies of the purchase endpoints. */
final class PurchaseResponses {

    private PurchaseResponses() {
    }

    @Serdeable
    record ProductResponse(String productId, String title, String kind, Long credits, String entitlement,
                           String period, Map<String, String> skus, boolean active, Instant createdAt,
                           Instant updatedAt) {
        static ProductResponse of(ProductView v) {
            return new ProductResponse(v.productId(), v.title(), v.kind(), v.credits(), v.entitlement(), v.period(),
                    v.skus(), v.active(), v.createdAt(), v.updatedAt());
        }
    }

    /** What players see of the catalog: no other store's SKUs, no bookkeeping. */
    @Serdeable
    record StoreProductResponse(String productId, String title, String kind, Long credits, String entitlement,
                                String period, Map<String, String> skus) {
        static StoreProductResponse of(ProductView v) {
            return new StoreProductResponse(v.productId(), v.title(), v.kind(), v.credits(), v.entitlement(),
                    v.period(), v.skus());
        }
    }

    /** @param credits what the purchase granted, in wallet minor units (0 for a subscription) */
    @Serdeable
    record PurchaseResponse(String id, String userId, String store, String productId, String kind, String status,
                            long credits, String storeTransactionId, String originalTransactionId, String sku,
                            int quantity, String environment, Instant purchasedAt, Instant expiresAt,
                            Boolean autoRenew, String refundedBy, String refundReason, Instant refundedAt,
                            Instant createdAt, Instant updatedAt) {
        static PurchaseResponse of(PurchaseView v) {
            return new PurchaseResponse(v.id(), v.userId(), v.store(), v.productId(), v.kind(), v.status(), v.credits(),
                    v.storeTransactionId(), v.originalTransactionId(), v.sku(), v.quantity(), v.environment(),
                    v.purchasedAt(), v.expiresAt(), v.autoRenew(), v.refundedBy(), v.refundReason(), v.refundedAt(),
                    v.createdAt(), v.updatedAt());
        }
    }

    @Serdeable
    record NotificationResponse(String outcome) {
    }

    @Serdeable
    record TestReceiptResponse(String store, String receipt) {
    }

    /** Pages of listings: items, and next_cursor to pass as ?cursor= (null on the last page). */
    @Serdeable
    record ProductPage(List<ProductResponse> items, @Nullable String nextCursor) {
        static ProductPage of(Page<ProductView> page) {
            return new ProductPage(page.items().stream().map(ProductResponse::of).toList(), page.nextCursor());
        }
    }

    @Serdeable
    record StoreProductPage(List<StoreProductResponse> items, @Nullable String nextCursor) {
        static StoreProductPage of(Page<ProductView> page) {
            return new StoreProductPage(page.items().stream().map(StoreProductResponse::of).toList(), page.nextCursor());
        }
    }

    @Serdeable
    record PurchasePage(List<PurchaseResponse> items, @Nullable String nextCursor) {
        static PurchasePage of(Page<PurchaseView> page) {
            return new PurchasePage(page.items().stream().map(PurchaseResponse::of).toList(), page.nextCursor());
        }
    }
}
