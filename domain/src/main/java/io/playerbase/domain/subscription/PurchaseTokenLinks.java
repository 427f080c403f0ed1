package io.playerbase.domain.subscription;

import java.util.Optional;

/**
 * Outgoing port to Google Play: the token a purchase token replaced ({@code linkedPurchaseToken} of its
 * {@code subscriptionsv2} answer), to follow a chain of upgrades and re-subscriptions back to its start.
 * A store that cannot be reached is {@link io.playerbase.domain.shared.Unavailable}.
 */
public interface PurchaseTokenLinks {

    /** Empty when the token replaced none, or Google no longer knows it. */
    Optional<String> linkedPurchaseToken(String purchaseToken);
}
