package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified store purchase ({@code user_purchases}), owned by the user who first claimed its store
 * transaction. It keeps what the store vouched for (including what subscriptions need: original
 * transaction, expiry, renewal, environment, the raw verified payload) and what it granted.
 *
 * <p>The wallet operations of a purchase have ids derived from the store transaction
 * ({@link #grantOperationId()}, {@link #refundOperationId()}), so however often a grant or refund is
 * retried, by however many instances, the wallet moves once.
 */
public final class Purchase {

    /** Longest store transaction id accepted, so derived operation ids stay within the ledger's bound. */
    public static final int MAX_TRANSACTION_ID = 200;

    private final PurchaseId id;
    private final UserId owner;
    private final VerifiedPurchase verified;
    private final ProductId productId;
    private final long credits;
    private final Instant createdAt;
    private PurchaseStatus status;
    private Refund refund;
    private Instant updatedAt;
    private long version;

    private Purchase(PurchaseId id, UserId owner, VerifiedPurchase verified, ProductId productId, long credits,
                     PurchaseStatus status, Refund refund, Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.verified = Objects.requireNonNull(verified, "verified");
        this.productId = Objects.requireNonNull(productId, "productId");
        this.credits = credits;
        this.status = Objects.requireNonNull(status, "status");
        this.refund = refund;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
        if ((status == PurchaseStatus.REFUNDING || status == PurchaseStatus.REFUNDED) != (refund != null)) {
            throw new IllegalArgumentException("a refund, and only a refund, has refund details");
        }
    }

    /**
     * A purchase of {@code product} that the store verified, claimed by {@code owner}. Refused when the
     * store does not call it paid, or when it is not for this product.
     */
    public static Purchase record(UserId owner, VerifiedPurchase verified, Product product, Instant now) {
        if (verified.state() == VerifiedPurchase.StoreState.PENDING) {
            throw new RuleViolation("purchase-pending", "The store has not completed this purchase yet; retry once it is paid");
        }
        if (verified.state() == VerifiedPurchase.StoreState.REVOKED) {
            throw new RuleViolation("purchase-revoked", "The store refunded or revoked this purchase");
        }
        if (verified.storeTransactionId().isEmpty() || verified.storeTransactionId().length() > MAX_TRANSACTION_ID
                || !verified.storeTransactionId().chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new RuleViolation("receipt-invalid", "The store's transaction id is not usable");
        }
        if (!product.skuFor(verified.store()).map(verified.sku()::equals).orElse(false)
                || product.kind() != verified.kind()) {
            throw new RuleViolation("product-mismatch", "The receipt is not for this product");
        }
        if (!product.active()) {
            throw new RuleViolation("product-inactive", "This product is not on sale");
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        boolean pack = product.kind() == ProductKind.CREDITS_PACK;
        long credits = pack ? Math.multiplyExact(product.definition().credits(), verified.quantity()) : 0;
        return new Purchase(PurchaseId.newId(at), owner, verified, product.id(), credits,
                pack ? PurchaseStatus.GRANTING : PurchaseStatus.RECORDED, null, at, at, 0);
    }

    /** Rebuilds a stored purchase; used by adapters only. */
    public static Purchase restore(StoredState state) {
        return new Purchase(state.id(), state.owner(), state.verified(), state.productId(), state.credits(),
                state.status(), state.refund(), state.createdAt(), state.updatedAt(), state.version());
    }

    public StoredState storedState() {
        return new StoredState(id, owner, verified, productId, credits, status, refund, createdAt, updatedAt, version);
    }

    /** A purchase as stored. */
    public record StoredState(PurchaseId id, UserId owner, VerifiedPurchase verified, ProductId productId,
                              long credits, PurchaseStatus status, Refund refund, Instant createdAt,
                              Instant updatedAt, long version) {
    }

    /** Whether {@code claimant} may have this purchase; another user's claim is a conflict. */
    public void checkClaimant(UserId claimant) {
        if (!owner.equals(claimant)) {
            throw new Conflict("purchase-already-claimed", "This store transaction belongs to another account");
        }
    }

    /** The credits are in the wallet. @return whether this changed the purchase */
    public boolean markGranted(Instant now) {
        if (status != PurchaseStatus.GRANTING) {
            return false;
        }
        status = PurchaseStatus.GRANTED;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
        return true;
    }

    /**
     * Starts a refund. @return whether this changed the purchase: false when it is already refunding
     * or refunded (the first refund stands; a repeated or out-of-order one changes nothing).
     */
    public boolean startRefund(Refund details, Instant now) {
        if (status == PurchaseStatus.REFUNDING || status == PurchaseStatus.REFUNDED) {
            return false;
        }
        status = PurchaseStatus.REFUNDING;
        refund = Objects.requireNonNull(details, "details");
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
        return true;
    }

    /** The credits were taken back. @return whether this changed the purchase */
    public boolean completeRefund(Instant now) {
        if (status != PurchaseStatus.REFUNDING) {
            return false;
        }
        status = PurchaseStatus.REFUNDED;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
        return true;
    }

    /** Whether the wallet holds (or will hold) this purchase's credits, so a refund takes them back. */
    public boolean grantsCredits() {
        return credits > 0;
    }

    public String grantOperationId() {
        return "purchase:" + verified.store().wireName() + ":" + verified.storeTransactionId();
    }

    public String refundOperationId() {
        return "refund:" + verified.store().wireName() + ":" + verified.storeTransactionId();
    }

    /** Called by the repository adapter after a successful write. */
    public void markStored(long newVersion) {
        this.version = newVersion;
    }

    public PurchaseId id() { return id; }
    public UserId owner() { return owner; }
    public VerifiedPurchase verified() { return verified; }
    public Store store() { return verified.store(); }
    public ProductId productId() { return productId; }
    /** Credits granted (wallet minor units), 0 for a subscription. */
    public long credits() { return credits; }
    public PurchaseStatus status() { return status; }
    public Optional<Refund> refund() { return Optional.ofNullable(refund); }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
