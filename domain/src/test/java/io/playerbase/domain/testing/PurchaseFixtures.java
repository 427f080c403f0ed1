package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductDefinition;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.VerifiedPurchase;

import java.time.Instant;
import java.time.Period;
import java.util.Map;

/** Products and verified purchases for tests. */
public final class PurchaseFixtures {

    public static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private PurchaseFixtures() {
    }

    public static ProductDefinition coins(long credits, String sku) {
        return new ProductDefinition(credits + " coins", ProductKind.CREDITS_PACK, credits, null, null,
                Map.of(Store.APP_STORE, "com.example." + sku, Store.GOOGLE_PLAY, sku, Store.TEST, sku));
    }

    public static Product coinsProduct(String id, long credits) {
        return Product.create(new ProductId(id), coins(credits, id), NOW);
    }

    public static Product premiumProduct(String id) {
        return Product.create(new ProductId(id), new ProductDefinition("Premium", ProductKind.SUBSCRIPTION, null,
                "premium", Period.ofMonths(1), Map.of(Store.TEST, id, Store.APP_STORE, "com.example." + id)), NOW);
    }

    public static VerifiedPurchase verified(Store store, String transactionId, String sku, ProductKind kind) {
        return new VerifiedPurchase(store, transactionId, transactionId, sku, kind, 1, NOW.minusSeconds(60),
                kind == ProductKind.SUBSCRIPTION ? NOW.plusSeconds(30 * 86_400L) : null,
                kind == ProductKind.SUBSCRIPTION ? Boolean.TRUE : null, "Sandbox",
                VerifiedPurchase.StoreState.PURCHASED, null, null, null,
                "{\"transactionId\":\"" + transactionId + "\"}");
    }

    public static VerifiedPurchase verifiedTest(String transactionId, String sku) {
        return verified(Store.TEST, transactionId, sku, ProductKind.CREDITS_PACK);
    }

    public static VerifiedPurchase revoked(VerifiedPurchase purchase, Instant at) {
        return new VerifiedPurchase(purchase.store(), purchase.storeTransactionId(), purchase.originalTransactionId(),
                purchase.sku(), purchase.kind(), purchase.quantity(), purchase.purchasedAt(), purchase.expiresAt(),
                purchase.autoRenew(), purchase.environment(), VerifiedPurchase.StoreState.REVOKED, at,
                purchase.linkedPurchaseToken(), purchase.accountHint(), purchase.rawPayload());
    }
}
