package io.playerbase.adapters.stores.appstore;

import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A client's StoreKit 2 signed transaction, verified offline. Nothing to acknowledge: Apple needs no
 * confirmation of a grant (consumables are finished by the app).
 */
final class AppStoreReceiptVerifier implements ReceiptVerifier {

    /** A StoreKit 1 app receipt is base64 (of PKCS#7 or, very old, of a property list): no dots, unlike a JWS. */
    private static final Pattern STOREKIT_1_RECEIPT = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");

    private final AppStoreTransactions transactions;

    AppStoreReceiptVerifier(AppStoreTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Store store() {
        return Store.APP_STORE;
    }

    @Override
    public VerifiedPurchase verify(PurchaseProof proof) {
        if (!(proof instanceof PurchaseProof.AppStoreSignedTransaction(String signedTransaction))) {
            throw new IllegalArgumentException("not an App Store proof: " + proof.store());
        }
        if (STOREKIT_1_RECEIPT.matcher(signedTransaction).matches()) {
            throw new InvalidValue("receipt-format-unsupported",
                    "StoreKit 1 app receipts are not supported: send the StoreKit 2 signed transaction (a JWS)",
                    List.of(new DomainException.FieldError(Refusals.RECEIPT.field(), "a StoreKit 1 receipt")));
        }
        return transactions.transaction(signedTransaction, null, Refusals.RECEIPT);
    }
}
