package io.playerbase.domain.referral;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One side's reward of a qualified referral: its amount (wallet minor units, fixed when the referral
 * qualified, so every retry pays the same) and where it stands.
 *
 * @param forfeitCode why a side was not paid ({@code account-deleted}, {@code balance-limit-exceeded});
 *                    null otherwise
 * @param paidAt      when the wallet was credited
 * @param reversal    an admin's reversal of the paid reward, once asked for
 */
public record Reward(long amount, State state, String forfeitCode, Instant paidAt, Reversal reversal) {

    public Reward {
        Objects.requireNonNull(state, "state");
        if (amount < 0) {
            throw new IllegalArgumentException("a reward is not negative");
        }
    }

    /** Not paid yet; a side whose amount is 0 has nothing to pay. */
    static Reward due(long amount) {
        return new Reward(amount, amount == 0 ? State.NONE : State.DUE, null, null, null);
    }

    public enum State {
        /** Nothing to pay (amount 0). */
        NONE,
        DUE,
        PAID,
        /** The wallet refused the credit for good (a deleted account): nothing was paid. */
        FORFEITED,
        REVERSING,
        REVERSED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * An admin's reversal of a paid reward: who asked (the actor of the reversing ledger entry, whoever
     * completes it) and why.
     */
    public record Reversal(String reason, String description, String actorId, String actorRole, String requestId,
                           Instant requestedAt, Instant doneAt) {

        public Reversal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(actorId, "actorId");
            Objects.requireNonNull(actorRole, "actorRole");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(requestedAt, "requestedAt");
        }
    }
}
