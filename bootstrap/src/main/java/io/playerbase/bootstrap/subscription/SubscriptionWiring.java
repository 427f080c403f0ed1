package io.playerbase.bootstrap.subscription;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.playerbase.adapters.stores.googleplay.GooglePlay;
import io.playerbase.adapters.stores.subscription.StoreSubscriptionPayloads;
import io.playerbase.domain.subscription.PurchaseTokenLinks;
import io.playerbase.domain.subscription.SubscriptionPayloads;
import jakarta.inject.Singleton;

/**
 * The store side of the subscription module (docs/subscriptions.md): the reader of the stores' verified
 * payloads, always; Google Play's token links only when Google Play is configured (without it no Google
 * purchase or notification arrives to follow).
 */
@Factory
final class SubscriptionWiring {

    @Singleton
    SubscriptionPayloads subscriptionPayloads() {
        return new StoreSubscriptionPayloads();
    }

    @Singleton
    @Requires(property = "playerbase.iap.google.package-name", pattern = ".+")
    PurchaseTokenLinks purchaseTokenLinks(GooglePlay googlePlay) {
        return googlePlay.tokenLinks();
    }
}
