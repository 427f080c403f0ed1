package io.playerbase.domain.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A paid period of a subscription and what it credits: {@code credits} per period (0 for products that
 * grant none and for free trials), moved through the wallet with operation ids derived from the store
 * transaction, so each period is credited (and refunded) once per round. A refund the store reverses
 * (App Store {@code REFUND_REVERSED}) starts a new round with operation ids of its own, as a reinstated
 * purchase does (docs/purchases.md).
 *
 * @param credits    what the period earns (a period refunded before it was ever credited keeps what it
 *                   would earn, for a reversal)
 * @param state      where the period's money stands in this round
 * @param refundedAt when the store refunded or revoked its transaction, if it did (and did not reverse it)
 * @param round      how often the store reversed a refund of this period (0: never)
 * @param wordAt     the store's time of the latest refund or reversal applied to this period: an older
 *                   one arriving late changes nothing (null: none yet)
 */
public record SubscriptionPeriod(String transactionId, Instant startsAt, Instant endsAt, long credits,
                                 CreditState state, Instant refundedAt, int round, Instant wordAt) {

    /** The wallet's bound on operation ids. */
    static final int MAX_OPERATION_ID = 300;

    public SubscriptionPeriod {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(state, "state");
        if (credits < 0) {
            throw new IllegalArgumentException("credits cannot be negative");
        }
        if (round < 0) {
            throw new IllegalArgumentException("round cannot be negative");
        }
    }

    /** A period as first noted: round 0, no refund or reversal yet. */
    public SubscriptionPeriod(String transactionId, Instant startsAt, Instant endsAt, long credits, CreditState state,
                              Instant refundedAt) {
        this(transactionId, startsAt, endsAt, credits, state, refundedAt, 0, null);
    }

    /**
     * The money of a period. {@code DUE} and {@code REFUND_DUE} are decided but maybe not yet in the
     * wallet (a crash in between is finished by the next event or the sweep); a refund of a period
     * that was never credited ({@code NONE}) moves nothing.
     */
    public enum CreditState {
        /** Nothing to move: no credits, or refunded before it was ever credited. */
        NONE,
        /** To credit (in a later round: after making sure every earlier round was credited and taken back). */
        DUE,
        CREDITED,
        /** To take back (after making sure the credit happened: both movements happen once). */
        REFUND_DUE,
        REFUNDED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static CreditState fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public boolean refunded() {
        return refundedAt != null;
    }

    SubscriptionPeriod with(CreditState next, Instant refunded) {
        return new SubscriptionPeriod(transactionId, startsAt, endsAt, credits, next, refunded, round, wordAt);
    }

    /** The same period, its money as it was, with the store's latest word on it at {@code at}. */
    SubscriptionPeriod heard(Instant at) {
        return new SubscriptionPeriod(transactionId, startsAt, endsAt, credits, state, refundedAt, round, at);
    }

    /** Whether a refund or reversal said at {@code at} is older than (or the same as) what was applied last. */
    boolean heardSince(Instant at) {
        return wordAt != null && !at.isAfter(wordAt);
    }

    /** The store reversed the refund: credited anew in the next round, which has operation ids of its own. */
    SubscriptionPeriod nextRound(Instant at) {
        return new SubscriptionPeriod(transactionId, startsAt, endsAt, credits, CreditState.DUE, null, round + 1, at);
    }

    /**
     * Wallet operation id of the period's credit in {@code round}: {@code subscription:<store>:<transaction>},
     * after the n-th reversal {@code subscription-reinstate:<store>:<transaction>:<n>}.
     */
    public static String creditOperationId(SubscriptionStore store, String transactionId, int round) {
        return round == 0 ? operationId("subscription:" + store.wireName() + ":", transactionId, "")
                : operationId("subscription-reinstate:" + store.wireName() + ":", transactionId, ":" + round);
    }

    /**
     * Wallet operation id of taking the credit of {@code round} back: {@code subscription-refund:<store>:<transaction>},
     * after the n-th reversal {@code subscription-refund:<store>:<transaction>:<n>}.
     */
    public static String refundOperationId(SubscriptionStore store, String transactionId, int round) {
        return operationId("subscription-refund:" + store.wireName() + ":", transactionId, round == 0 ? "" : ":" + round);
    }

    /** Store ids are short; one too long for the ledger's 300 characters is named by its SHA-256 instead. */
    private static String operationId(String prefix, String transactionId, String suffix) {
        String id = prefix + transactionId + suffix;
        if (id.length() <= MAX_OPERATION_ID) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(transactionId.getBytes(StandardCharsets.UTF_8));
            return prefix + "sha256:" + HexFormat.of().formatHex(digest) + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
