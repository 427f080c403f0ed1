package io.playerbase.domain.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a subscription's history: a change of its status or of what it grants, with the store's
 * event behind it.
 *
 * @param at        when Playerbase applied it
 * @param storeTime the store's time of the view that caused it (null for changes by time or by hand)
 * @param event     the store's notification type, {@code claim}, or {@code time} (a period or grace ended)
 * @param source    where it came from: {@code notification:<store id>}, {@code purchase:<id>}, {@code sweep}
 */
public record SubscriptionChange(Instant at, Instant storeTime, String event, String source,
                                 SubscriptionStatus from, SubscriptionStatus to, Instant expiresAt,
                                 Instant graceUntil, Boolean autoRenew, String plan) {

    public SubscriptionChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
