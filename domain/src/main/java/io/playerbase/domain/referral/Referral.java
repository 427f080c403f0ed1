package io.playerbase.domain.referral;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The link made when an account redeems another account's code, and its rewards (docs/referrals.md).
 * Its id is the referred account's id: an account is referred at most once. Created by
 * {@link #redeem}, restored by adapters, changed only through the methods below; each returns whether
 * it changed anything, so a step that another instance already took is a no-op:
 * <pre>
 * pending ──qualify──▶ qualified ──startPaying──▶ paying ──completePayment──▶ rewarded
 *                        │  └──leaveUnrewarded──▶ unrewarded (no room under the referrer's cap)
 *                        └──cancel──▶ cancelled (the qualifying purchase was refunded before payment)
 * </pre>
 * Besides its state, a referral is {@code linked} once both accounts show it (the referred account's
 * {@code referred_by}, the referrer's {@code referral_count}), and each paid side may be reversed by an
 * admin. {@link #workAt()} says when something is left to do, for the recovery pass.
 */
public final class Referral {

    private final UserId referee;
    private final UserId referrer;
    private final ReferralCode code;
    private final Instant redeemedAt;
    private ReferralState state;
    private boolean linked;
    private Qualification qualification;
    private Instant payAt;
    private Reward referrerReward;
    private Reward refereeReward;
    private String closeReason;
    private Instant closedAt;
    private Instant updatedAt;
    private long version;

    private Referral(StoredState s) {
        this.referee = Objects.requireNonNull(s.referee(), "referee");
        this.referrer = Objects.requireNonNull(s.referrer(), "referrer");
        this.code = Objects.requireNonNull(s.code(), "code");
        this.redeemedAt = Objects.requireNonNull(s.redeemedAt(), "redeemedAt");
        this.state = Objects.requireNonNull(s.state(), "state");
        this.linked = s.linked();
        this.qualification = s.qualification();
        this.payAt = s.payAt();
        this.referrerReward = s.referrerReward();
        this.refereeReward = s.refereeReward();
        this.closeReason = s.closeReason();
        this.closedAt = s.closedAt();
        this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
        this.version = s.version();
    }

    /** Everything an adapter stores and restores. */
    public record StoredState(UserId referee, UserId referrer, ReferralCode code, Instant redeemedAt,
                              ReferralState state, boolean linked, Qualification qualification, Instant payAt,
                              Reward referrerReward, Reward refereeReward, String closeReason, Instant closedAt,
                              Instant updatedAt, long version) {
    }

    /** A new link: {@code referee} redeemed {@code code}, which belongs to {@code referrer}. */
    public static Referral redeem(UserId referee, UserId referrer, ReferralCode code, Instant now) {
        if (referee.equals(referrer)) {
            throw new IllegalArgumentException("an account does not refer itself");
        }
        Instant at = millis(now);
        return new Referral(new StoredState(referee, referrer, code, at, ReferralState.PENDING, false, null, null,
                null, null, null, null, at, 0));
    }

    public static Referral restore(StoredState state) {
        return new Referral(state);
    }

    public StoredState storedState() {
        return new StoredState(referee, referrer, code, redeemedAt, state, linked, qualification, payAt,
                referrerReward, refereeReward, closeReason, closedAt, updatedAt, version);
    }

    /** Both accounts show the link now. */
    public boolean markLinked(Instant now) {
        if (linked) {
            return false;
        }
        linked = true;
        touch(now);
        return true;
    }

    /**
     * The referred account qualified the referral (a pending one only: the first event counts). The
     * amounts are fixed now, so every later attempt pays the same; a purchase's rewards are due after
     * {@code purchaseHold}, a match's at once.
     */
    public boolean qualify(Qualification by, long referrerAmount, long refereeAmount, Duration purchaseHold, Instant now) {
        if (state != ReferralState.PENDING) {
            return false;
        }
        state = ReferralState.QUALIFIED;
        qualification = by;
        referrerReward = Reward.due(referrerAmount);
        refereeReward = Reward.due(refereeAmount);
        payAt = millis(by.kind() == Qualification.Kind.PURCHASE ? by.at().plus(purchaseHold) : by.at());
        touch(now);
        return true;
    }

    /** Whether the rewards of a qualified referral are due at {@code now}. */
    public boolean due(Instant now) {
        return state == ReferralState.QUALIFIED && !payAt.isAfter(now);
    }

    /** Whether this referral was qualified by that purchase. */
    public boolean qualifiedByPurchase(String purchaseId) {
        return qualification != null && qualification.kind() == Qualification.Kind.PURCHASE
                && qualification.reference().equals(purchaseId);
    }

    /** The qualifying purchase was refunded before the rewards were paid: they are not paid at all. */
    public boolean cancel(String reason, Instant now) {
        if (state != ReferralState.QUALIFIED) {
            return false;
        }
        return close(ReferralState.CANCELLED, reason, now);
    }

    /** The referrer's velocity limit is spent until {@code until}: try again then. */
    public boolean deferUntil(Instant until, Instant now) {
        if (state != ReferralState.QUALIFIED || !until.isAfter(payAt)) {
            return false;
        }
        payAt = millis(until);
        touch(now);
        return true;
    }

    /** No reward for this referral (the referrer's cap is reached): it stays on record as unrewarded. */
    public boolean leaveUnrewarded(String reason, Instant now) {
        if (state != ReferralState.QUALIFIED) {
            return false;
        }
        return close(ReferralState.UNREWARDED, reason, now);
    }

    /** A reward slot of the referrer is taken for this referral: pay both sides. */
    public boolean startPaying(Instant now) {
        if (state != ReferralState.QUALIFIED) {
            return false;
        }
        state = ReferralState.PAYING;
        payAt = null;
        touch(now);
        return true;
    }

    /**
     * Both sides are settled: each paid, or forfeited with the wallet's reason ({@code forfeit} maps a
     * side to its code, empty when paid).
     */
    public boolean completePayment(Optional<String> referrerForfeit, Optional<String> refereeForfeit, Instant now) {
        if (state != ReferralState.PAYING) {
            return false;
        }
        referrerReward = settled(referrerReward, referrerForfeit, now);
        refereeReward = settled(refereeReward, refereeForfeit, now);
        return close(ReferralState.REWARDED, null, now);
    }

    private static Reward settled(Reward reward, Optional<String> forfeit, Instant now) {
        if (reward.state() != Reward.State.DUE) {
            return reward;
        }
        return forfeit.map(code -> new Reward(reward.amount(), Reward.State.FORFEITED, code, null, null))
                .orElseGet(() -> new Reward(reward.amount(), Reward.State.PAID, null, millis(now), null));
    }

    /**
     * An admin asks to take a paid reward back. Asking again while it runs, or once it is done, changes
     * nothing.
     *
     * @throws RuleViolation {@code referral-reward-not-paid} when that side holds no paid reward
     */
    public boolean requestReversal(Side side, String reason, String description, Actor actor, Instant now) {
        Reward reward = reward(side);
        if (reward != null && (reward.state() == Reward.State.REVERSING || reward.state() == Reward.State.REVERSED)) {
            return false;
        }
        if (reward == null || reward.state() != Reward.State.PAID) {
            throw new RuleViolation("referral-reward-not-paid", "The " + side.wire() + " of this referral holds no paid reward");
        }
        Reward.Reversal reversal = new Reward.Reversal(reason, description, actor.id(),
                actor.role().name().toLowerCase(Locale.ROOT), actor.requestId(), millis(now), null);
        setReward(side, new Reward(reward.amount(), Reward.State.REVERSING, null, reward.paidAt(), reversal));
        touch(now);
        return true;
    }

    /** The reversing ledger entry exists: the side is reversed. */
    public boolean completeReversal(Side side, Instant now) {
        Reward reward = reward(side);
        if (reward == null || reward.state() != Reward.State.REVERSING) {
            return false;
        }
        Reward.Reversal asked = reward.reversal();
        setReward(side, new Reward(reward.amount(), Reward.State.REVERSED, null, reward.paidAt(),
                new Reward.Reversal(asked.reason(), asked.description(), asked.actorId(), asked.actorRole(),
                        asked.requestId(), asked.requestedAt(), millis(now))));
        touch(now);
        return true;
    }

    /** The wallet refused the reversal (the reward was spent): the side stays paid. */
    public boolean abandonReversal(Side side, Instant now) {
        Reward reward = reward(side);
        if (reward == null || reward.state() != Reward.State.REVERSING) {
            return false;
        }
        setReward(side, new Reward(reward.amount(), Reward.State.PAID, null, reward.paidAt(), null));
        touch(now);
        return true;
    }

    /**
     * When something is left to do for the recovery pass: the link, a due payment, a payment or a
     * reversal under way; {@code null} when nothing is.
     */
    public Instant workAt() {
        Instant at = null;
        if (!linked) {
            at = redeemedAt;
        }
        if (state == ReferralState.QUALIFIED) {
            at = earliest(at, payAt);
        }
        if (state == ReferralState.PAYING) {
            at = earliest(at, updatedAt);
        }
        for (Reward reward : new Reward[]{referrerReward, refereeReward}) {
            if (reward != null && reward.state() == Reward.State.REVERSING) {
                at = earliest(at, reward.reversal().requestedAt());
            }
        }
        return at;
    }

    /** The ledger operation id of a side's reward: the same on every attempt, so it is paid once. */
    public String operationId(Side side) {
        return "referral:" + referee.value() + ":" + side.wire();
    }

    /** The account a side's reward goes to. */
    public UserId account(Side side) {
        return side == Side.REFERRER ? referrer : referee;
    }

    public Reward reward(Side side) {
        return side == Side.REFERRER ? referrerReward : refereeReward;
    }

    private void setReward(Side side, Reward reward) {
        if (side == Side.REFERRER) {
            referrerReward = reward;
        } else {
            refereeReward = reward;
        }
    }

    private boolean close(ReferralState to, String reason, Instant now) {
        state = to;
        closeReason = reason;
        closedAt = millis(now);
        payAt = null;
        touch(now);
        return true;
    }

    private void touch(Instant now) {
        updatedAt = millis(now);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The database keeps milliseconds: what is answered first is what every later read shows. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Called by the repository adapter after a successful write. */
    public void markStored(long newVersion) {
        this.version = newVersion;
    }

    /** The referral's id: the referred account's id. */
    public UserId id() { return referee; }
    public UserId referee() { return referee; }
    public UserId referrer() { return referrer; }
    public ReferralCode code() { return code; }
    public Instant redeemedAt() { return redeemedAt; }
    public ReferralState state() { return state; }
    public boolean linked() { return linked; }
    public Optional<Qualification> qualification() { return Optional.ofNullable(qualification); }
    public Optional<Instant> payAt() { return Optional.ofNullable(payAt); }
    public Optional<String> closeReason() { return Optional.ofNullable(closeReason); }
    public Optional<Instant> closedAt() { return Optional.ofNullable(closedAt); }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
