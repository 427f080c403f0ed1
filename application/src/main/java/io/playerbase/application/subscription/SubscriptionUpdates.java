package io.playerbase.application.subscription;

import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.application.wallet.WalletOperation;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionPeriod;
import io.playerbase.domain.subscription.SubscriptionPeriod.CreditState;
import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.subscription.SubscriptionSummary;
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
 * The steps after a subscription changes, each one conditional single-document write and each safe
 * to repeat (a retry, a redelivery, a second instance, the sweep):
 * <ol>
 *   <li>{@link #change}: read, apply, write conditional on the version; a concurrent change re-reads;</li>
 *   <li>{@link #settle}: the money its periods decided, through the wallet with operation ids derived
 *       from the store transactions, then the period marked done;</li>
 *   <li>{@link #project}: the owner's account copy ({@code modules.subscription}) with its audit
 *       entry, then the subscription's pending mark cleared.</li>
 * </ol>
 * A crash between two steps leaves money or a copy pending on the subscription, which the next event
 * or the sweep finishes; premium never depends on either.
 */
@Singleton
final class SubscriptionUpdates {

    static final String MODULE = "subscription";
    private static final int MAX_ATTEMPTS = 30;

    private final SubscriptionRepository subscriptions;
    private final PremiumAccountRepository accounts;
    private final MoneyMovements movements;
    private final Clock clock;

    SubscriptionUpdates(SubscriptionRepository subscriptions, PremiumAccountRepository accounts, MoneyMovements movements,
                        Clock clock) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.movements = movements;
        this.clock = clock;
    }

    /**
     * Applies {@code change} and stores it, re-reading on a concurrent change; a change that does
     * nothing (another request got there first) stores nothing. @return the subscription as stored
     */
    Subscription change(Subscription subscription, Predicate<Subscription> change) {
        Subscription current = subscription;
        for (int attempt = 1; ; attempt++) {
            if (!change.test(current)) {
                return current;
            }
            try {
                subscriptions.update(current);
                return current;
            } catch (Conflict stale) {
                if (!"stale-version".equals(stale.code())) {
                    throw stale;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new Conflict("subscription-busy", "The subscription is being changed by many requests at once; retry");
                }
                current = subscriptions.find(subscription.key())
                        .orElseThrow(() -> new NotFound("subscription-not-found", "No such subscription"));
            }
        }
    }

    /**
     * Moves the money its periods decided: a credit, or (for a refunded period) the credit made sure
     * of and then taken back by the debt rule. A period in a later round (the store reversed a refund)
     * first makes sure every earlier round was credited and taken back, in order, then is credited with
     * its round's operation id. Each movement happens once whatever runs it.
     */
    Subscription settle(Subscription subscription, Actor actor) {
        Subscription current = subscription;
        for (SubscriptionPeriod period : subscription.walletWork()) {
            UserId owner = current.owner().orElseThrow();
            Amount amount = new Amount(period.credits());
            for (int round = 0; round < period.round(); round++) {
                credit(current, owner, amount, period, round, actor);
                refund(current, owner, amount, period, round, actor);
            }
            credit(current, owner, amount, period, period.round(), actor);
            if (period.state() == CreditState.REFUND_DUE) {
                refund(current, owner, amount, period, period.round(), actor);
            }
            Instant now = clock.instant();
            current = change(current, s -> s.walletDone(period.transactionId(), period.state(), period.round(), now));
        }
        return current;
    }

    private void credit(Subscription subscription, UserId owner, Amount amount, SubscriptionPeriod period, int round,
                        Actor actor) {
        String operation = SubscriptionPeriod.creditOperationId(subscription.store(), period.transactionId(), round);
        movements.apply(new WalletOperation.SubscriptionCredit(owner, amount, round == 0
                ? movement(operation, "subscription_period", "subscription period credits", actor)
                : movement(operation, "subscription_reinstated", "subscription period credited again", actor)));
    }

    private void refund(Subscription subscription, UserId owner, Amount amount, SubscriptionPeriod period, int round,
                        Actor actor) {
        String operation = SubscriptionPeriod.refundOperationId(subscription.store(), period.transactionId(), round);
        movements.apply(new WalletOperation.PurchaseRefund(owner, amount,
                movement(operation, "subscription_refund", "subscription period refunded", actor)));
    }

    /**
     * Brings the owner's account copy up to date with their subscriptions and grants, then clears the
     * pending marks of the subscription versions it was made from. An erased account gets no copy.
     */
    void project(UserId owner, Actor actor) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PremiumAccount account = accounts.find(owner).orElse(null);
            List<Subscription> owned = subscriptions.forUser(owner);
            if (account == null || account.deleted()) {
                clearCopyMarks(owned);
                return;
            }
            Instant now = clock.instant();
            List<String> changed = account.project(SubscriptionSummary.of(owned, account.activeGrant(now), now));
            if (!changed.isEmpty()) {
                try {
                    accounts.update(account, AuditEntry.of(owner, actor, "subscription.updated", MODULE, changed, now));
                } catch (Conflict stale) {
                    continue;
                }
            }
            clearCopyMarks(owned);
            return;
        }
        throw new Conflict("subscription-busy", "The account is being changed by many requests at once; retry");
    }

    /** Only for the versions the copy was made from: a newer change keeps its mark for its own copy (or the sweep). */
    private void clearCopyMarks(List<Subscription> copied) {
        for (Subscription s : copied) {
            if (s.copyDone()) {
                try {
                    subscriptions.update(s);
                } catch (Conflict newer) {
                    // Changed since the copy was made: that change's own copy, or the sweep, follows.
                }
            }
        }
    }

    /** The description names no amount and is the same on every retry. */
    private static Movement movement(String operationId, String reason, String description, Actor actor) {
        return new Movement(new OperationId(operationId), new ReasonCode(reason), description, TransactionSource.PURCHASE,
                actor);
    }
}
