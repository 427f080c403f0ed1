package io.playerbase.application.subscription.port.in;

import io.playerbase.domain.subscription.PremiumGrant;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionChange;
import io.playerbase.domain.subscription.SubscriptionPeriod;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * An account's premium for support: the {@link SubscriptionView} of now, every store subscription it
 * owns with its periods and history (newest first), and every manual grant.
 */
public record SubscriptionDetailsView(String userId, SubscriptionView current, List<StoreSubscription> subscriptions,
                                      List<Grant> grants) {

    public static SubscriptionDetailsView of(String userId, List<Subscription> owned, List<PremiumGrant> grants,
                                             SubscriptionView current, Instant now) {
        return new SubscriptionDetailsView(userId, current,
                owned.stream().sorted(Comparator.comparing(Subscription::createdAt).reversed())
                        .map(s -> StoreSubscription.of(s, now)).toList(),
                grants.stream().sorted(Comparator.comparing(PremiumGrant::grantedAt).reversed())
                        .map(g -> Grant.of(g, now)).toList());
    }

    /**
     * @param status       at that instant; {@code storedStatus} is the store's last word
     * @param storeTime    the store's time of the last event applied
     */
    public record StoreSubscription(String id, String store, String plan, String sku, String status, String storedStatus,
                                    boolean premium, Instant startedAt, Instant expiresAt, Instant graceUntil,
                                    Boolean autoRenew, Instant resumesAt, Instant revokedAt, String revocationReason,
                                    String environment, String sourcePurchaseId, Instant storeTime,
                                    List<Period> periods, List<Change> history) {

        static StoreSubscription of(Subscription s, Instant now) {
            return new StoreSubscription(s.key().id(), s.store().wireName(), s.plan().orElse(null), s.sku().orElse(null),
                    s.statusAt(now).wire(), s.status().wire(), s.premiumAt(now), s.startedAt().orElse(null),
                    s.expiresAt().orElse(null), s.graceUntil().orElse(null), s.autoRenew().orElse(null),
                    s.resumesAt().orElse(null), s.revokedAt().orElse(null), s.revocationReason().orElse(null),
                    s.environment().orElse(null), s.sourcePurchaseId().orElse(null), s.storeTime().orElse(null),
                    s.periods().reversed().stream().map(Period::of).toList(),
                    s.history().reversed().stream().map(Change::of).toList());
        }
    }

    /**
     * @param creditState {@code none}, {@code due}, {@code credited}, {@code refund_due}, {@code refunded}
     *                    (of the current round)
     * @param round       how often the store reversed a refund of the period (0: never)
     */
    public record Period(String transactionId, Instant startsAt, Instant endsAt, long credits, String creditState,
                         Instant refundedAt, int round) {
        static Period of(SubscriptionPeriod p) {
            return new Period(p.transactionId(), p.startsAt(), p.endsAt(), p.credits(), p.state().wire(), p.refundedAt(),
                    p.round());
        }
    }

    public record Change(Instant at, Instant storeTime, String event, String source, String from, String to,
                         Instant expiresAt, Instant graceUntil, Boolean autoRenew, String plan) {
        static Change of(SubscriptionChange c) {
            return new Change(c.at(), c.storeTime(), c.event(), c.source(), c.from().wire(), c.to().wire(), c.expiresAt(),
                    c.graceUntil(), c.autoRenew(), c.plan());
        }
    }

    public record Grant(String id, Instant grantedAt, String grantedBy, String reason, Instant expiresAt, boolean active,
                        Instant revokedAt, String revokedBy, String revokeReason) {
        static Grant of(PremiumGrant g, Instant now) {
            return new Grant(g.id(), g.grantedAt(), g.grantedBy(), g.reason(), g.expiresAt(), g.activeAt(now), g.revokedAt(),
                    g.revokedBy(), g.revokeReason());
        }
    }
}
