package io.playerbase.adapters.stores.googleplay;

import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.subscription.PurchaseTokenLinks;

import java.util.Optional;

/**
 * The token a Google Play purchase token replaced: {@code linkedPurchaseToken} of its
 * {@code purchases.subscriptionsv2.get} answer (Google keeps a subscription's tokens readable for a while
 * after they end; one it forgot links to nothing).
 */
final class GooglePlayTokenLinks implements PurchaseTokenLinks {

    private final GooglePlayApi api;

    GooglePlayTokenLinks(GooglePlayApi api) {
        this.api = api;
    }

    @Override
    public Optional<String> linkedPurchaseToken(String purchaseToken) {
        return api.subscription(purchaseToken).flatMap(answer -> {
            try {
                return JsonFields.text(answer, "linkedPurchaseToken").filter(token -> !token.isEmpty());
            } catch (JsonFields.WrongType e) {
                return Optional.empty();
            }
        });
    }
}
