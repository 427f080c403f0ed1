package io.playerbase.domain.purchase;

import java.util.Objects;

/**
 * One delivery of a store's server notification, as it reached our endpoint: the raw body and the
 * {@code Authorization} header (Google's Pub/Sub push sends an OIDC bearer token; Apple signs the body).
 */
public record NotificationDelivery(Store store, String authorization, String body) {
    public NotificationDelivery {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(body, "body");
    }
}
