package io.playerbase.domain.purchase;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * What a store's notification said of a purchase, and when by the store's own clock (App Store
 * {@code signedDate}, Google {@code eventTimeMillis}). A purchase keeps the latest word applied to it
 * ({@link Purchase#word()}), so an older word arriving late changes nothing, decided in the same
 * versioned write as the change the word makes (docs/purchases.md, "Order").
 *
 * @param notificationId the store's id of the notification that said it (a redelivery of the same
 *                       notification is the same word)
 * @param at             the store's time of the notification, to the millisecond (what the database keeps)
 * @param says           what it said of the purchase
 */
public record StoreWord(String notificationId, Instant at, Says says) {

    public StoreWord {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(says, "says");
        at = at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** What a word says of the purchase. */
    public enum Says {
        /** Refunded or revoked by the store (a refund, a revocation, a voided or canceled purchase). */
        REVOKED,
        /** The store reversed its refund (App Store {@code REFUND_REVERSED}): the purchase is owed again. */
        REFUND_REVERSED,
        /** Anything else: the store still calls it paid (or pending, or consumed), not revoked. */
        PAID;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Says fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }

        /** Whether two words agree on the one thing a purchase record follows: revoked or not. */
        public boolean agreesWith(Says other) {
            return (this == REVOKED) == (other == REVOKED);
        }
    }
}
