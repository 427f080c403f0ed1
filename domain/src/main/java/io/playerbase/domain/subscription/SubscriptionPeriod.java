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
 * transaction, so each period is credited (and refunded) once.
 *
 * @param state      where the period's money stands
 * @param refundedAt when the store refunded or revoked its transaction, if it did
 */
public record SubscriptionPeriod(String transactionId, Instant startsAt, Instant endsAt, long credits,
                                 CreditState state, Instant refundedAt) {

    /** The wallet's bound on operation ids. */
    static final int MAX_OPERATION_ID = 300;

    public SubscriptionPeriod {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(state, "state");
        if (credits < 0) {
            throw new IllegalArgumentException("credits cannot be negative");
        }
    }

    /**
     * The money of a period. {@code DUE} and {@code REFUND_DUE} are decided but maybe not yet in the
     * wallet (a crash in between is finished by the next event or the sweep); a refund of a period
     * that was never credited ({@code NONE}) moves nothing.
     */
    public enum CreditState {
        /** Nothing to move: no credits, or refunded before it was ever credited. */
        NONE,
        /** To credit. */
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
        return new SubscriptionPeriod(transactionId, startsAt, endsAt, credits, next, refunded);
    }

    /** Wallet operation id of the period's credit: derived from the store transaction. */
    public static String creditOperationId(SubscriptionStore store, String transactionId) {
        return operationId("subscription:" + store.wireName() + ":", transactionId);
    }

    /** Wallet operation id of taking the period's credit back. */
    public static String refundOperationId(SubscriptionStore store, String transactionId) {
        return operationId("subscription-refund:" + store.wireName() + ":", transactionId);
    }

    /** Store ids are short; one too long for the ledger's 300 characters is named by its SHA-256 instead. */
    private static String operationId(String prefix, String transactionId) {
        String id = prefix + transactionId;
        if (id.length() <= MAX_OPERATION_ID) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(transactionId.getBytes(StandardCharsets.UTF_8));
            return prefix + "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
