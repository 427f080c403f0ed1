package io.playerbase.adapters.rest.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.subscription.port.in.SubscriptionDetailsView;
import io.playerbase.application.subscription.port.in.SubscriptionView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Response bodies of the subscription endpoints. */
final class SubscriptionResponses {

    private SubscriptionResponses() {
    }

    /**
     * An account's premium now: the subscription that speaks for it and whether premium holds.
     *
     * @param status         {@code none}, {@code active}, {@code grace}, {@code on_hold}, {@code paused},
     *                       {@code cancelled}, {@code expired}: the store's state at this instant
     * @param premiumSource  {@code store}, {@code grant}, or null when not premium
     * @param grantedUntil   the end of an active manual grant, if any
     */
    @Serdeable
    @Schema(name = "SubscriptionResponse")
    record SubscriptionResponse(String plan, String status, boolean premium, @Nullable String premiumSource,
                                @Nullable Instant startedAt, @Nullable Instant expiresAt, @Nullable Instant graceUntil,
                                boolean autoRenew, @Nullable String store, @Nullable Instant grantedUntil) {
        static SubscriptionResponse of(SubscriptionView v) {
            return new SubscriptionResponse(v.plan(), v.status(), v.premium(), v.premiumSource(), v.startedAt(),
                    v.expiresAt(), v.graceUntil(), v.autoRenew(), v.store(), v.grantedUntil());
        }
    }

    /** Support's view: now, every store subscription with its periods and history, every manual grant. */
    @Serdeable
    @Schema(name = "SubscriptionDetailsResponse")
    record SubscriptionDetailsResponse(String userId, SubscriptionResponse current, List<StoreSubscriptionResponse> subscriptions,
                                       List<PremiumGrantResponse> grants) {
        static SubscriptionDetailsResponse of(SubscriptionDetailsView v) {
            return new SubscriptionDetailsResponse(v.userId(), SubscriptionResponse.of(v.current()),
                    v.subscriptions().stream().map(StoreSubscriptionResponse::of).toList(),
                    v.grants().stream().map(PremiumGrantResponse::of).toList());
        }
    }

    /**
     * @param status       at this instant; {@code storedStatus} is the store's last word
     * @param storeTime    the store's time of the last event applied
     */
    @Serdeable
    @Schema(name = "StoreSubscriptionResponse")
    record StoreSubscriptionResponse(String id, String store, @Nullable String plan, @Nullable String sku, String status,
                                     String storedStatus, boolean premium, @Nullable Instant startedAt,
                                     @Nullable Instant expiresAt, @Nullable Instant graceUntil, @Nullable Boolean autoRenew,
                                     @Nullable Instant resumesAt, @Nullable Instant revokedAt,
                                     @Nullable String revocationReason, @Nullable String environment,
                                     @Nullable String sourcePurchaseId, @Nullable Instant storeTime,
                                     List<SubscriptionPeriodResponse> periods, List<SubscriptionChangeResponse> history) {
        static StoreSubscriptionResponse of(SubscriptionDetailsView.StoreSubscription s) {
            return new StoreSubscriptionResponse(s.id(), s.store(), s.plan(), s.sku(), s.status(), s.storedStatus(), s.premium(),
                    s.startedAt(), s.expiresAt(), s.graceUntil(), s.autoRenew(), s.resumesAt(), s.revokedAt(),
                    s.revocationReason(), s.environment(), s.sourcePurchaseId(), s.storeTime(),
                    s.periods().stream().map(SubscriptionPeriodResponse::of).toList(),
                    s.history().stream().map(SubscriptionChangeResponse::of).toList());
        }
    }

    /**
     * @param creditState {@code none}, {@code due}, {@code credited}, {@code refund_due}, {@code refunded}
     *                    (of the current round)
     * @param round       how often the store reversed a refund of the period (0: never)
     */
    @Serdeable
    @Schema(name = "SubscriptionPeriodResponse")
    record SubscriptionPeriodResponse(String transactionId, @Nullable Instant startsAt, @Nullable Instant endsAt, long credits,
                                      String creditState, @Nullable Instant refundedAt, int round) {
        static SubscriptionPeriodResponse of(SubscriptionDetailsView.Period p) {
            return new SubscriptionPeriodResponse(p.transactionId(), p.startsAt(), p.endsAt(), p.credits(), p.creditState(),
                    p.refundedAt(), p.round());
        }
    }

    @Serdeable
    @Schema(name = "SubscriptionChangeResponse")
    record SubscriptionChangeResponse(Instant at, @Nullable Instant storeTime, String event, String source, String from,
                                      String to, @Nullable Instant expiresAt, @Nullable Instant graceUntil,
                                      @Nullable Boolean autoRenew, @Nullable String plan) {
        static SubscriptionChangeResponse of(SubscriptionDetailsView.Change c) {
            return new SubscriptionChangeResponse(c.at(), c.storeTime(), c.event(), c.source(), c.from(), c.to(), c.expiresAt(),
                    c.graceUntil(), c.autoRenew(), c.plan());
        }
    }

    @Serdeable
    @Schema(name = "PremiumGrantResponse")
    record PremiumGrantResponse(String id, Instant grantedAt, String grantedBy, String reason, Instant expiresAt,
                                boolean active, @Nullable Instant revokedAt, @Nullable String revokedBy,
                                @Nullable String revokeReason) {
        static PremiumGrantResponse of(SubscriptionDetailsView.Grant g) {
            return new PremiumGrantResponse(g.id(), g.grantedAt(), g.grantedBy(), g.reason(), g.expiresAt(), g.active(),
                    g.revokedAt(), g.revokedBy(), g.revokeReason());
        }
    }
}
