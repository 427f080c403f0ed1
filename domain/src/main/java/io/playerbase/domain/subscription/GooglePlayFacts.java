package io.playerbase.domain.subscription;

import java.time.Instant;

/**
 * What Google Play's {@code purchases.subscriptionsv2.get} says about a purchase token, read by the
 * {@link SubscriptionPayloads} port from the verified answer; {@code null} where absent.
 *
 * @param state          {@code subscriptionState}, e.g. {@code SUBSCRIPTION_STATE_ACTIVE}
 * @param productId      the line item's product
 * @param expiryTime     the line item's {@code expiryTime} (in grace: the end of the grace period)
 * @param autoRenew      {@code autoRenewingPlan.autoRenewEnabled}; null for a prepaid plan
 * @param latestOrderId  the line item's {@code latestSuccessfulOrderId} (else {@code latestOrderId}):
 *                       the order that paid the current period
 * @param paid           the current period is not a free trial
 * @param autoResumeTime {@code pausedStateContext.autoResumeTime}
 */
public record GooglePlayFacts(String purchaseToken,
                              String linkedPurchaseToken,
                              String state,
                              String productId,
                              Instant startTime,
                              Instant expiryTime,
                              Boolean autoRenew,
                              String latestOrderId,
                              boolean paid,
                              Instant autoResumeTime,
                              String environment) {
}
