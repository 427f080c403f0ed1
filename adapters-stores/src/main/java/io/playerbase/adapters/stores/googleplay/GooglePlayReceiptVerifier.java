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
 * already consumed is reported {@code CONSUMED}: we never consume, so unless we recorded it before (the
 * app consumes after our grant), someone else used it up and the claim refuses it. After the grant the
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
        // Playerbase never consumes: a paid purchase already consumed was used up by the app. Recorded here
        // (the app consumed after our grant) it answers as before; never claimed here, the claim refuses it.
        if (read.consumed() && read.purchase().state() == VerifiedPurchase.StoreState.PURCHASED) {
            return read.purchase().withState(VerifiedPurchase.StoreState.CONSUMED, null);
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
