package io.playerbase.application.subscription.port.in;

import io.playerbase.domain.subscription.PremiumGrant;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionStatus;
import io.playerbase.domain.subscription.SubscriptionSummary;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * An account's premium at one instant: the subscription that speaks for it (the premium one that
 * lasts longest, else the latest) with its status at that instant, and whether premium holds, from a
 * store or from a manual grant. A grant never hides the store's state: both are shown.
 *
 * @param plan          our product id, {@code free} without a subscription
 * @param status        the subscription's status at that instant
 * @param premium       from the subscription or from an active grant
 * @param premiumSource {@code store}, {@code grant} or null
 * @param store         the subscription's store, null without one
 * @param grantedUntil  the end of the longest active manual grant, if any
 */
public record SubscriptionView(String plan, String status, boolean premium, String premiumSource, Instant startedAt,
                               Instant expiresAt, Instant graceUntil, boolean autoRenew, String store,
                               Instant grantedUntil) {

    public static SubscriptionView of(Collection<Subscription> owned, Optional<PremiumGrant> grant, Instant now) {
        SubscriptionSummary summary = SubscriptionSummary.of(owned, grant, now);
        boolean storePremium = summary.status().premium();
        boolean premium = storePremium || grant.isPresent();
        String source = storePremium ? "store" : grant.isPresent() ? "grant" : null;
        return new SubscriptionView(summary.plan(), summary.status().wire(), premium, source, summary.startedAt(),
                summary.expiresAt(), summary.status() == SubscriptionStatus.GRACE ? summary.graceUntil() : null,
                summary.autoRenew(), summary.store(), summary.grantedUntil());
    }
}
