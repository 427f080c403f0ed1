package io.playerbase.application.referral;

import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.application.wallet.WalletOperation;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.referral.Qualification;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.referral.ReferralState;
import io.playerbase.domain.referral.Reward;
import io.playerbase.domain.referral.Side;
import io.playerbase.domain.referral.SlotOutcome;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Takes a referral through every step that is due (docs/referrals.md), each one a conditional
 * single-document write or an exactly-once wallet movement, so the request that started it, a
 * concurrent one and the recovery pass can all run it and each step happens once:
 * <ol>
 *   <li>link: the referred account's {@code referred_by}, the referrer's {@code referral_count};</li>
 *   <li>when the rewards are due: cancel them if the qualifying purchase was refunded, else take one
 *       of the referrer's reward slots (cap and velocity), or defer, or leave the referral unrewarded;</li>
 *   <li>pay each side through the wallet (operation id {@code referral:<id>:<side>}) and add it to
 *       {@code rewards_earned} once per operation id;</li>
 *   <li>finish an admin's reversal of a paid side the same way.</li>
 * </ol>
 */
@Singleton
final class ReferralProgress {

    static final String MODULE = "referrals";
    static final ReasonCode REWARD_REASON = new ReasonCode("referral_reward");
    static final String REWARD_DESCRIPTION = "Referral reward";
    /** Refusals of a credit that will not change on a retry: the side is forfeited. */
    private static final Set<String> FORFEITS = Set.of("account-deleted", "balance-limit-exceeded", "user-not-found");
    private static final int MAX_ATTEMPTS = 20;
    private static final System.Logger LOG = System.getLogger(ReferralProgress.class.getName());

    private final ReferralRepository referrals;
    private final ReferralAccounts accounts;
    private final MoneyMovements movements;
    private final PurchaseRepository purchases;
    private final ReferralSettings settings;
    private final Clock clock;

    ReferralProgress(ReferralRepository referrals, ReferralAccounts accounts, MoneyMovements movements,
                     PurchaseRepository purchases, ReferralSettings settings, Clock clock) {
        this.referrals = referrals;
        this.accounts = accounts;
        this.movements = movements;
        this.purchases = purchases;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs the steps of {@code referral} that are due now, re-reading it when another writer got there
     * first. A wallet refusal of a reversal (the reward was spent) is thrown after the reversal is
     * given up.
     *
     * @return the referral as it ends up
     */
    Referral advance(Referral referral, Actor actor) {
        Referral current = referral;
        for (int attempt = 1; ; attempt++) {
            try {
                return advanceOnce(current, actor);
            } catch (Conflict stale) {
                if (!"stale-version".equals(stale.code()) || attempt >= MAX_ATTEMPTS) {
                    throw attempt >= MAX_ATTEMPTS
                            ? new Conflict("referral-busy", "The referral is being changed by many requests at once; retry")
                            : stale;
                }
                current = referrals.find(referral.id())
                        .orElseThrow(() -> new NotFound("referral-not-found", "No such referral"));
            }
        }
    }

    private Referral advanceOnce(Referral referral, Actor actor) {
        Instant now = clock.instant();
        if (!referral.linked()) {
            link(referral, actor);
            if (referral.markLinked(now)) {
                referrals.update(referral);
            }
        }
        if (referral.state() == ReferralState.CANCELLED) {
            // A payer may have taken a slot just before the cancellation won: give it back.
            accounts.releaseRewardSlot(referral.referrer(), referral.id());
        }
        if (referral.due(now)) {
            takeSlot(referral, actor, now);
        }
        if (referral.state() == ReferralState.PAYING) {
            pay(referral, actor);
        }
        for (Side side : Side.values()) {
            Reward reward = referral.reward(side);
            if (reward != null && reward.state() == Reward.State.REVERSING) {
                finishReversal(referral, side);
            }
        }
        return referral;
    }

    /** Both accounts show the link: idempotent writes (a set-once field, a count that only grows). */
    private void link(Referral referral, Actor actor) {
        Instant now = clock.instant();
        accounts.setReferredBy(referral.referee(), referral.referrer(),
                audit(referral.referee(), actor, "referral.redeemed", "referred_by", now));
        Optional<ReferralAccount> referrer = accounts.find(referral.referrer());
        if (referrer.isPresent()) {
            long count = referrer.get().countBase() + referrals.countReferredBy(referral.referrer());
            accounts.raiseReferralCount(referral.referrer(), count,
                    audit(referral.referrer(), actor, "referral.counted", "referral_count", now));
        }
    }

    private void takeSlot(Referral referral, Actor actor, Instant now) {
        if (refundedPurchase(referral)) {
            if (referral.cancel("purchase-refunded", now)) {
                referrals.update(referral);
            }
            return;
        }
        SlotOutcome slot = accounts.claimRewardSlot(referral.referrer(), referral.id(), settings.limits(), now);
        boolean changed = switch (slot) {
            case SlotOutcome.Claimed claimed -> referral.startPaying(now);
            case SlotOutcome.CapReached full -> referral.leaveUnrewarded("cap-reached", now);
            case SlotOutcome.Deferred deferred -> referral.deferUntil(deferred.retryAt(), now);
            case SlotOutcome.Unavailable gone -> referral.leaveUnrewarded("referrer-unavailable", now);
        };
        if (changed) {
            referrals.update(referral);
        }
    }

    /** Whether the purchase that qualified the referral is being (or was) refunded: its rewards are not due. */
    private boolean refundedPurchase(Referral referral) {
        Optional<Qualification> by = referral.qualification();
        if (by.isEmpty() || by.get().kind() != Qualification.Kind.PURCHASE) {
            return false;
        }
        Optional<Purchase> purchase = purchases.find(new PurchaseId(by.get().reference()));
        return purchase.map(p -> p.status() == PurchaseStatus.REFUNDING || p.status() == PurchaseStatus.REFUNDED)
                .orElse(false);
    }

    private void pay(Referral referral, Actor actor) {
        Optional<String> referrerForfeit = paySide(referral, Side.REFERRER, actor);
        Optional<String> refereeForfeit = paySide(referral, Side.REFEREE, actor);
        if (referral.completePayment(referrerForfeit, refereeForfeit, clock.instant())) {
            referrals.update(referral);
        }
    }

    /** Credits one side once (a retry gets the first entry); empty when paid, else why it is forfeited. */
    private Optional<String> paySide(Referral referral, Side side, Actor actor) {
        Reward reward = referral.reward(side);
        if (reward == null || reward.state() != Reward.State.DUE) {
            return Optional.empty();
        }
        UserId account = referral.account(side);
        String operationId = referral.operationId(side);
        try {
            movements.apply(new WalletOperation.ReferralReward(account, new Amount(reward.amount()),
                    new Movement(new OperationId(operationId), REWARD_REASON, REWARD_DESCRIPTION,
                            TransactionSource.REFERRAL, actor)));
        } catch (RuleViolation | NotFound refused) {
            if (!FORFEITS.contains(refused.code())) {
                throw refused;
            }
            LOG.log(System.Logger.Level.INFO, "Referral " + referral.id() + ": the " + side.wire()
                    + "'s reward is forfeited (" + refused.code() + ")");
            return Optional.of(refused.code());
        }
        accounts.noteReward(account, operationId, reward.amount(),
                audit(account, actor, "referral.rewarded", "rewards_earned", clock.instant()));
        return Optional.empty();
    }

    /**
     * Takes a paid side back: the wallet's reversal (once, by its derived operation id), then
     * {@code rewards_earned}, then the referral. When the wallet refuses (the reward was spent), the
     * reversal is given up and the refusal thrown.
     */
    private void finishReversal(Referral referral, Side side) {
        Reward reward = referral.reward(side);
        Reward.Reversal asked = reward.reversal();
        Actor requester = new Actor(asked.actorId(), Actor.ActorRole.valueOf(asked.actorRole().toUpperCase(Locale.ROOT)),
                asked.requestId());
        UserId account = referral.account(side);
        OperationId original = new OperationId(referral.operationId(side));
        Movement movement = new Movement(original.reversal(), new ReasonCode(asked.reason()), asked.description(),
                TransactionSource.REFERRAL, requester);
        try {
            movements.apply(new WalletOperation.Reversal(account, original, movement));
        } catch (RuleViolation refused) {
            if (referral.abandonReversal(side, clock.instant())) {
                referrals.update(referral);
            }
            throw refused;
        }
        accounts.noteReward(account, original.reversal().value(), -reward.amount(),
                audit(account, requester, "referral.reward_reversed", "rewards_earned", clock.instant()));
        if (referral.completeReversal(side, clock.instant())) {
            referrals.update(referral);
        }
    }

    static AuditEntry audit(UserId user, Actor actor, String action, String field, Instant now) {
        return AuditEntry.of(user, actor, action, MODULE, List.of(field), now);
    }
}
