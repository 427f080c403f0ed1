package io.playerbase.domain.purchase;

import java.util.Objects;

/**
 * What a client sends as evidence of a store purchase. It proves nothing until a
 * {@link ReceiptVerifier} for its store has checked it.
 */
public sealed interface PurchaseProof {

    Store store();

    /** App Store (StoreKit 2): a signed transaction, a JWS in compact form. */
    record AppStoreSignedTransaction(String signedTransaction) implements PurchaseProof {
        public AppStoreSignedTransaction {
            Objects.requireNonNull(signedTransaction, "signedTransaction");
        }

        @Override
        public Store store() {
            return Store.APP_STORE;
        }
    }

    /** Google Play: the purchase token and the store SKU the client bought. */
    record GooglePlayToken(String sku, String purchaseToken, ProductKind kind) implements PurchaseProof {
        public GooglePlayToken {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(purchaseToken, "purchaseToken");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public Store store() {
            return Store.GOOGLE_PLAY;
        }
    }

    /** The development test store: a receipt minted by the service's own test-store key. */
    record TestReceipt(String receipt) implements PurchaseProof {
        public TestReceipt {
            Objects.requireNonNull(receipt, "receipt");
        }

        @Override
        public Store store() {
            return Store.TEST;
        }
    }
}
