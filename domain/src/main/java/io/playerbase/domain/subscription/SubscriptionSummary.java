package io.playerbase.domain.subscription;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code modules.subscription} of an account: a copy of the subscription that speaks for it
 * ({@link Subscription#headline}) and of its manual premium, as of the last change, for the account view.
 * Premium itself is always derived anew at read time (from the subscriptions and grants, with the
 * clock), never read from here.
 *
 * @param plan         our product id, {@code free} without a subscription
 * @param status       the status when this copy was made
 * @param store        the store's wire name, null without a subscription
 * @param grantedUntil the end of the longest active manual grant, if any
 */
public record SubscriptionSummary(String plan, SubscriptionStatus status, Instant startedAt, Instant expiresAt,
                                  Instant graceUntil, boolean autoRenew, String sourcePurchaseId, String store,
                                  Instant grantedUntil) {

    public static final String FREE = "free";
    /** What a new account holds (the registry's defaults). */
    public static final SubscriptionSummary NONE = new SubscriptionSummary(FREE, SubscriptionStatus.NONE, null, null,
            null, false, null, null, null);

    public SubscriptionSummary {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
    }

    /** The copy for an account with these subscriptions (its own) and grants, at {@code now}. */
    public static SubscriptionSummary of(Collection<Subscription> subscriptions, Optional<PremiumGrant> grant, Instant now) {
        Instant grantedUntil = grant.map(PremiumGrant::expiresAt).orElse(null);
        return Subscription.headline(subscriptions, now)
                .map(s -> new SubscriptionSummary(s.plan().orElse(s.sku().orElse(FREE)), s.statusAt(now),
                        s.startedAt().orElse(null), s.expiresAt().orElse(null),
                        s.statusAt(now) == SubscriptionStatus.GRACE ? s.graceUntil().orElse(null) : null,
                        s.autoRenew().orElse(false), s.sourcePurchaseId().orElse(null), s.store().wireName(), grantedUntil))
                .orElse(new SubscriptionSummary(FREE, SubscriptionStatus.NONE, null, null, null, false, null, null,
                        grantedUntil));
    }
}
