package io.playerbase.application.purchase;

import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.Optional;

/**
 * What the purchase module tells the subscription module (docs/subscriptions.md): the purchase module
 * verifies and records store purchases and notifications; the subscription module, which implements
 * this, follows the subscriptions they belong to. The purchase module knows nothing else of it.
 */
public interface SubscriptionHook {

    /**
     * Before a subscription purchase is recorded for {@code claimant}: refuses, with 409
     * {@code purchase-already-claimed}, a transaction of a subscription another account owns (a
     * renewal's transaction id is new, so the purchase module alone would not notice).
     */
    void checkClaim(UserId claimant, VerifiedPurchase verified);

    /** A subscription purchase is recorded for its owner (the first time, or again): its subscription follows. */
    void claimed(Purchase purchase, Actor actor);

    /**
     * A verified store notification, after the purchase module applied it (refunds of the purchase
     * record). @return what the subscription module did, empty when it concerns no subscription
     */
    Optional<String> notified(StoreNotification notification);

}
