package io.playerbase.domain.purchase;

/**
 * Outgoing port: authenticates and decodes a store's server notification (App Store Server
 * Notifications V2: the outer JWS and the inner signed transaction and renewal info, verified with
 * the same chain checks as receipts; Google real-time developer notifications: the Pub/Sub push's
 * OIDC token, then the purchase re-read from the Developer API).
 *
 * <p>A delivery that is not genuine is refused with
 * {@link io.playerbase.domain.shared.AuthenticationFailed} (bad or missing push token) or a
 * {@link io.playerbase.domain.shared.RuleViolation}/{@link io.playerbase.domain.shared.InvalidValue}
 * (bad signature, unreadable body); nothing is stored for it.
 */
public interface StoreNotificationVerifier {

    Store store();

    StoreNotification verify(NotificationDelivery delivery);
}
