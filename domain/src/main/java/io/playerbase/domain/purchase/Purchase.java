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
 * retried, by however many instances, the wallet moves once. A refund the store reverses
 * ({@link #reinstate}) starts a new round with ids of its own, counted by {@link #reinstatements()}.
 *
 * <p>The purchase keeps the store's latest word on it ({@link #word()}): a store notification changes it
 * only through {@link #hear}, which compares the word with the one kept and makes the change in the
 * same write, so two instances applying conflicting words at once end as the newer word says.
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
    private int reinstatements;
    private StoreWord word;
    private long version;

    private Purchase(PurchaseId id, UserId owner, VerifiedPurchase verified, ProductId productId, long credits,
                     PurchaseStatus status, Refund refund, Instant createdAt, Instant updatedAt, int reinstatements,
                     StoreWord word, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.verified = Objects.requireNonNull(verified, "verified");
        this.productId = Objects.requireNonNull(productId, "productId");
        this.credits = credits;
        this.status = Objects.requireNonNull(status, "status");
        this.refund = refund;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.reinstatements = reinstatements;
        this.word = word;
        this.version = version;
        if (reinstatements < 0) {
            throw new IllegalArgumentException("reinstatements cannot be negative");
        }
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
        if (verified.state() == VerifiedPurchase.StoreState.CONSUMED) {
            throw new RuleViolation("purchase-already-consumed",
                    "The store says this purchase was consumed before it was claimed here; the app must consume only after the grant");
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
                pack ? PurchaseStatus.GRANTING : PurchaseStatus.RECORDED, null, at, at, 0, null, 0);
    }

    /** Rebuilds a stored purchase; used by adapters only. */
    public static Purchase restore(StoredState state) {
        return new Purchase(state.id(), state.owner(), state.verified(), state.productId(), state.credits(),
                state.status(), state.refund(), state.createdAt(), state.updatedAt(), state.reinstatements(),
                state.word(), state.version());
    }

    public StoredState storedState() {
        return new StoredState(id, owner, verified, productId, credits, status, refund, createdAt, updatedAt,
                reinstatements, word, version);
    }

    /** A purchase as stored; {@code word} is null until a store's notification was applied to it. */
    public record StoredState(PurchaseId id, UserId owner, VerifiedPurchase verified, ProductId productId,
                              long credits, PurchaseStatus status, Refund refund, Instant createdAt,
                              Instant updatedAt, int reinstatements, StoreWord word, long version) {

        /** A purchase no store notification was applied to. */
        public StoredState(PurchaseId id, UserId owner, VerifiedPurchase verified, ProductId productId, long credits,
                           PurchaseStatus status, Refund refund, Instant createdAt, Instant updatedAt,
                           int reinstatements, long version) {
            this(id, owner, verified, productId, credits, status, refund, createdAt, updatedAt, reinstatements, null,
                    version);
        }

        /** A purchase whose refunds were never reversed. */
        public StoredState(PurchaseId id, UserId owner, VerifiedPurchase verified, ProductId productId, long credits,
                           PurchaseStatus status, Refund refund, Instant createdAt, Instant updatedAt, long version) {
            this(id, owner, verified, productId, credits, status, refund, createdAt, updatedAt, 0, null, version);
        }
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

    /**
     * The store reversed the refund it made (App Store {@code REFUND_REVERSED}): the purchase is owed
     * again, a credits pack goes back to {@code granting} (its credits are credited anew, with the ids
     * of a new round), a subscription to {@code recorded}. Only a refund by the purchase's own store is
     * reversed this way; an admin's refund stands.
     *
     * @return whether this changed the purchase
     */
    public boolean reinstate(Instant now) {
        if (status != PurchaseStatus.REFUNDED || !refund.by().equals(verified.store().wireName())) {
            return false;
        }
        reinstatements++;
        refund = null;
        status = grantsCredits() ? PurchaseStatus.GRANTING : PurchaseStatus.RECORDED;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
        return true;
    }

    /** What {@link #hear} made of a store's word. */
    public enum Heard {
        /** The newest word, and it changed the status: a refund started, or the purchase was reinstated. */
        APPLIED,
        /** The newest word, kept; the purchase already stood where it says (already refunded, not refunded by its store, paid). */
        NOTED,
        /** The word the purchase keeps is this very notification's: it was applied before (a crash, a claim, a redelivery). */
        REPEATED,
        /** Older than the word the purchase keeps: nothing changed. */
        OUT_OF_ORDER,
        /** A refund of a purchase still {@code granting}: nothing changed; grant it, then hear the word again. */
        GRANT_FIRST,
        /** A reversal while its store's refund is still {@code refunding}: nothing changed; finish it, then hear again. */
        FINISH_REFUND_FIRST
    }

    /**
     * A store's word on this purchase, applied only if it is the latest: older than the word kept, it
     * changes nothing; with the very same store time, the later arrival is applied (arrival order).
     * The newest word is kept, with the change it makes: a refund ({@code refund} gives its details)
     * starts one unless the purchase is already refunding or refunded; a reversal reinstates a purchase
     * its own store refunded; other words change only the word kept. The caller stores the purchase
     * (versioned), so the decision and the change are one conditional write.
     *
     * @return what it did; only {@link Heard#APPLIED} and {@link Heard#NOTED} changed the purchase
     */
    public Heard hear(StoreWord said, Refund refund, Instant now) {
        Objects.requireNonNull(said, "said");
        if (word != null && word.notificationId().equals(said.notificationId())) {
            return Heard.REPEATED;
        }
        if (word != null && said.at().isBefore(word.at())) {
            return Heard.OUT_OF_ORDER;
        }
        boolean refundedByItsStore = this.refund != null && this.refund.by().equals(verified.store().wireName());
        Heard heard = Heard.NOTED;
        switch (said.says()) {
            case REVOKED -> {
                Objects.requireNonNull(refund, "refund");
                if (status == PurchaseStatus.GRANTING) {
                    return Heard.GRANT_FIRST;
                }
                if (startRefund(refund, now)) {
                    heard = Heard.APPLIED;
                }
            }
            case REFUND_REVERSED -> {
                if (status == PurchaseStatus.REFUNDING && refundedByItsStore) {
                    return Heard.FINISH_REFUND_FIRST;
                }
                if (reinstate(now)) {
                    heard = Heard.APPLIED;
                }
            }
            case PAID -> {
            }
        }
        word = said;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
        return heard;
    }

    /** Whether the wallet holds (or will hold) this purchase's credits, so a refund takes them back. */
    public boolean grantsCredits() {
        return credits > 0;
    }

    /**
     * {@code purchase:<store>:<transaction>}; after the n-th reinstatement
     * {@code reinstate:<store>:<transaction>:<n>}.
     */
    public String grantOperationId() {
        String transaction = verified.store().wireName() + ":" + verified.storeTransactionId();
        return reinstatements == 0 ? "purchase:" + transaction : "reinstate:" + transaction + ":" + reinstatements;
    }

    /** {@code refund:<store>:<transaction>}; after the n-th reinstatement {@code refund:<store>:<transaction>:<n>}. */
    public String refundOperationId() {
        String transaction = verified.store().wireName() + ":" + verified.storeTransactionId();
        return "refund:" + transaction + (reinstatements == 0 ? "" : ":" + reinstatements);
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
    /** How often the store reversed a refund of this purchase. */
    public int reinstatements() { return reinstatements; }
    /** The store's latest word applied to this purchase, if any. */
    public Optional<StoreWord> word() { return Optional.ofNullable(word); }
    public long version() { return version; }
}
