package io.playerbase.domain.purchase;

/**
 * Outgoing port: checks a client's proof of purchase with its store (offline signature checks for
 * the App Store, the Developer API for Google Play, the service's own key for the test store).
 *
 * <p>One implementation per {@link Store}. A proof that is not genuine, is for another app or
 * environment, or cannot be read is refused with a {@link io.playerbase.domain.shared.RuleViolation}
 * or {@link io.playerbase.domain.shared.InvalidValue} of a stable code (e.g. {@code receipt-invalid},
 * {@code receipt-format-unsupported}); a store that cannot be reached is
 * {@link io.playerbase.domain.shared.Unavailable}. Nothing is granted on either.
 */
public interface ReceiptVerifier {

    Store store();

    VerifiedPurchase verify(PurchaseProof proof);

    /**
     * Tells the store the purchase was granted (Google Play refunds unacknowledged purchases after
     * three days). Called after the grant is durable; must be safe to call again.
     */
    default void acknowledge(VerifiedPurchase purchase) {
    }
}
