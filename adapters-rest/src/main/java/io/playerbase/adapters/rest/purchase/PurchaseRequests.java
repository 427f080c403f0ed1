package io.playerbase.adapters.rest.purchase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Request bodies of the purchase endpoints. Shape and size only: the domain judges the contents. */
final class PurchaseRequests {

    /** A StoreKit 2 JWS with its three-certificate chain is a few KiB; anything far larger is not one. */
    static final int MAX_SIGNED_TRANSACTION = 16_384;

    private PurchaseRequests() {
    }

    /**
     * One shape per store: {@code {store: app_store, signed_transaction}}, {@code {store: google_play,
     * sku, purchase_token}} or {@code {store: test, receipt}}.
     */
    @Serdeable
    record ClaimPurchaseRequest(@NotNull @Size(max = 32) String store,
                                @Nullable @Size(max = MAX_SIGNED_TRANSACTION) String signedTransaction,
                                @Nullable @Size(max = 150) String sku,
                                @Nullable @Size(max = 1024) String purchaseToken,
                                @Nullable @Size(max = 2048) String receipt) {
    }

    /** A product as an admin defines it; {@code kind} is {@code credits_pack} or {@code subscription}. */
    @Serdeable
    record ProductRequest(@NotNull @Size(max = 64) String productId, @NotNull @Size(max = 200) String title,
                          @NotNull @Size(max = 32) String kind, @Nullable Long credits,
                          @Nullable @Size(max = 32) String entitlement, @Nullable @Size(max = 16) String period,
                          @NotNull @Size(max = 8) Map<String, String> skus) {
    }

    @Serdeable
    record RefundRequest(@NotNull @Size(max = 64) String reason) {
    }

    @Serdeable
    record MintTestReceiptRequest(@NotNull @Size(max = 64) String productId) {
    }
}
