package io.playerbase.application.purchase;

import io.playerbase.application.referral.ReferralQualification;
import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.application.wallet.WalletOperation;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.purchase.StoreWord;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The steps after a purchase is recorded, each safe to repeat (a retry, a second instance, the
 * recovery pass):
 * <ol>
 *   <li>grant: credit the wallet with the operation id derived from the store transaction, then mark
 *       the purchase {@code granted} and raise the module's counters;</li>
 *   <li>refund: mark the purchase {@code refunding} (the first refund stands), take the credits back
 *       by the debt rule with the refund's derived operation id, then mark it {@code refunded};</li>
 *   <li>reinstate (the store reversed its refund): mark the purchase {@code granting} again in a new
 *       round, then grant as above with that round's operation id.</li>
 * </ol>
 * A store's refund or reversal is decided on the purchase document itself ({@link #hear}): the store's
 * latest word is kept on the purchase, and the decision is made in the same versioned write as the change,
 * so of two conflicting words applied at once by two instances the newer one wins.
 * A crash between two steps leaves a purchase {@code granting} or {@code refunding}; whoever comes
 * next finishes it, and the wallet's operation ids make sure the money moves once.
 */
@Singleton
final class PurchaseCompletion {

    static final String MODULE = "in_app_purchases";
    private static final int MAX_ATTEMPTS = 20;

    private final PurchaseRepository purchases;
    private final PurchaseModule module;
    private final MoneyMovements movements;
    private final ReferralQualification referrals;
    private final Clock clock;

    PurchaseCompletion(PurchaseRepository purchases, PurchaseModule module, MoneyMovements movements,
                       ReferralQualification referrals, Clock clock) {
        this.purchases = purchases;
        this.module = module;
        this.movements = movements;
        this.referrals = referrals;
        this.clock = clock;
    }

    /** Finishes the grant of a {@code granting} purchase; other purchases are returned as they are. */
    Purchase grant(Purchase purchase, Actor actor) {
        if (purchase.status() != PurchaseStatus.GRANTING) {
            return purchase;
        }
        boolean reinstated = purchase.reinstatements() > 0;
        movements.apply(new WalletOperation.PurchaseGrant(purchase.owner(), new Amount(purchase.credits()),
                movement(purchase.grantOperationId(), reinstated ? "purchase_reinstated" : "purchase", purchase, actor)));
        if (!reinstated) {
            // Before the purchase is marked granted, so the grant's retry or recovery calls it again after a crash.
            qualifyReferral(purchase, actor);
        }
        Purchase granted = save(purchase, p -> p.markGranted(clock.instant()));
        noteCounters(granted, actor, reinstated ? "purchase.reinstated" : "purchase.granted");
        return granted;
    }

    /** A store's word applied to a purchase: what {@link Purchase#hear} made of it, and the purchase as it ends up. */
    record Heard(Purchase.Heard heard, Purchase purchase) {
    }

    /**
     * Applies a store's word to a purchase if it is the latest (docs/purchases.md, "Order"), then finishes
     * what it started: a refund takes the credits back, a reinstatement (the store reversed its refund)
     * grants them again in a new round of operation ids. A refund of a purchase still {@code granting} is
     * granted first, a reversal while the store's refund is {@code refunding} finishes that refund first,
     * so there is always one round's money to move, once. Whatever the word, unless it is out of order,
     * what a crash left running is finished too (a word the purchase already carries, applied before a
     * crash, finishes what it started).
     *
     * @param refund the refund's details when the word is a refund, else null
     */
    Heard hear(Purchase purchase, StoreWord word, Refund refund, Actor actor) {
        Purchase current = purchase;
        for (int attempt = 1; ; attempt++) {
            Purchase.Heard[] heard = new Purchase.Heard[1];
            current = save(current, p -> {
                heard[0] = p.hear(word, refund, clock.instant());
                return heard[0] == Purchase.Heard.APPLIED || heard[0] == Purchase.Heard.NOTED;
            });
            switch (heard[0]) {
                case GRANT_FIRST -> current = grant(current, actor);
                case FINISH_REFUND_FIRST -> current = finishRefund(current, actor);
                case OUT_OF_ORDER -> {
                    return new Heard(heard[0], current);
                }
                case APPLIED, NOTED, REPEATED -> {
                    if (heard[0] == Purchase.Heard.APPLIED && word.says() == StoreWord.Says.REFUND_REVERSED
                            && current.status() == PurchaseStatus.RECORDED) {
                        module.audit(AuditEntry.of(current.owner(), actor, "purchase.reinstated", MODULE,
                                List.of("status"), clock.instant()));
                    }
                    return new Heard(heard[0], grant(finishRefund(current, actor), actor));
                }
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new Conflict("purchase-busy", "The purchase is being changed by many requests at once; retry");
            }
        }
    }

    /** A verified purchase may qualify its owner's referral (docs/referrals.md); idempotent. */
    void qualifyReferral(Purchase purchase, Actor actor) {
        referrals.purchaseVerified(purchase.owner(), purchase.id().value(), actor);
    }

    /** Records a subscription purchase in the module's counters (the subscription module activates it). */
    void noteRecorded(Purchase purchase, Actor actor) {
        noteCounters(purchase, actor, "purchase.recorded");
    }

    /**
     * Refunds a purchase once: a granting one is granted first (so there is something to take back).
     * @return the purchase as it ends up; already refunded ones unchanged
     */
    Purchase refund(Purchase purchase, Refund refund, Actor actor) {
        Purchase current = grant(purchase, actor);
        if (current.status() == PurchaseStatus.REFUNDED) {
            return current;
        }
        current = save(current, p -> p.startRefund(refund, clock.instant()));
        return finishRefund(current, actor);
    }

    /** Takes the credits of a {@code refunding} purchase back and marks it refunded. */
    Purchase finishRefund(Purchase purchase, Actor actor) {
        if (purchase.status() != PurchaseStatus.REFUNDING) {
            return purchase;
        }
        if (purchase.grantsCredits()) {
            movements.apply(new WalletOperation.PurchaseRefund(purchase.owner(), new Amount(purchase.credits()),
                    movement(purchase.refundOperationId(), "purchase_refund", purchase, actor)));
        }
        // Before the purchase is marked refunded: rewards it qualified and that are not paid yet are cancelled.
        referrals.purchaseRefunded(purchase.owner(), purchase.id().value(), actor);
        Purchase refunded = save(purchase, p -> p.completeRefund(clock.instant()));
        module.audit(AuditEntry.of(refunded.owner(), actor, "purchase.refunded", MODULE, List.of("status"),
                clock.instant()));
        return refunded;
    }

    private void noteCounters(Purchase purchase, Actor actor, String action) {
        Instant now = clock.instant();
        module.noteCounters(purchase.owner(), purchases.countForUser(purchase.owner()),
                purchase.verified().purchasedAt(),
                AuditEntry.of(purchase.owner(), actor, action, MODULE, List.of("total_purchases", "last_purchase_at"), now));
    }

    /**
     * Applies {@code change} and stores it, re-reading on a concurrent change. A change that does
     * nothing (another instance got there first) stores nothing.
     */
    private Purchase save(Purchase purchase, Predicate<Purchase> change) {
        Purchase current = purchase;
        for (int attempt = 1; ; attempt++) {
            if (!change.test(current)) {
                return current;
            }
            try {
                purchases.update(current);
                return current;
            } catch (Conflict stale) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new Conflict("purchase-busy", "The purchase is being changed by many requests at once; retry");
                }
                current = purchases.find(purchase.id())
                        .orElseThrow(() -> new NotFound("purchase-not-found", "No such purchase"));
            }
        }
    }

    /** The description names the product, not an amount, and is the same on every retry. */
    private static Movement movement(String operationId, String reason, Purchase purchase, Actor actor) {
        return new Movement(new OperationId(operationId), new ReasonCode(reason),
                reason.replace('_', ' ') + " " + purchase.productId().value(), TransactionSource.PURCHASE, actor);
    }
}
