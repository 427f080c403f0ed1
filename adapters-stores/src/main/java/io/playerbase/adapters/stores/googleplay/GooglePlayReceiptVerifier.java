package io.playerbase.adapters.stores.googleplay;

import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.Unavailable;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A Google Play purchase token checked with the Developer API for our package. A one-time product
 * already consumed is refused: we never consume, so someone else used it up. After the grant the
 * purchase is acknowledged, or Google refunds it after three days.
 */
final class GooglePlayReceiptVerifier implements ReceiptVerifier {

    /** Google's product ids and tokens use letters, digits, '.', '_' and '-'; tokens are a few hundred characters. */
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,148}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,4096}");

    private final GooglePlayPurchases purchases;
    private final GooglePlayApi api;

    GooglePlayReceiptVerifier(GooglePlayPurchases purchases, GooglePlayApi api) {
        this.purchases = purchases;
        this.api = api;
    }

    @Override
    public Store store() {
        return Store.GOOGLE_PLAY;
    }

    @Override
    public VerifiedPurchase verify(PurchaseProof proof) {
        if (!(proof instanceof PurchaseProof.GooglePlayToken(String sku, String purchaseToken, ProductKind kind))) {
            throw new IllegalArgumentException("not a Google Play proof: " + proof.store());
        }
        if (!SKU.matcher(sku).matches()) {
            throw malformed("sku", "not a Google Play product id");
        }
        if (!TOKEN.matcher(purchaseToken).matches()) {
            throw malformed("purchase_token", "not a Google Play purchase token");
        }
        if (kind == ProductKind.SUBSCRIPTION) {
            return purchases.subscription(sku, purchaseToken).orElseThrow(GooglePlayReceiptVerifier::unknownToken);
        }
        GooglePlayPurchases.ProductRead read = purchases.product(sku, purchaseToken).orElseThrow(GooglePlayReceiptVerifier::unknownToken);
        if (read.consumed()) {
            throw new RuleViolation("purchase-already-consumed",
                    "This Google Play purchase was consumed before it reached us; consume only after the grant");
        }
        return read.purchase();
    }

    @Override
    public void acknowledge(VerifiedPurchase purchase) {
        GooglePlayPurchases.Envelope envelope = GooglePlayPurchases.envelopeOf(purchase);
        boolean accepted = envelope.kind() == ProductKind.SUBSCRIPTION
                ? api.acknowledgeSubscription(envelope.productId(), envelope.purchaseToken())
                : api.acknowledgeProduct(envelope.productId(), envelope.purchaseToken());
        // A refusal is fine when it was acknowledged already (a retry); otherwise try again later.
        if (!accepted && !purchases.acknowledged(envelope)) {
            throw new Unavailable("store-unavailable", "Google Play did not accept the acknowledgement", null);
        }
    }

    private static RuleViolation unknownToken() {
        return new RuleViolation("receipt-invalid", "Google Play does not know this purchase token for our app and product");
    }

    private static DomainException malformed(String field, String message) {
        return new InvalidValue("receipt-malformed", "The purchase cannot be read: " + field + " is " + message,
                List.of(new DomainException.FieldError(field, message)));
    }
}
