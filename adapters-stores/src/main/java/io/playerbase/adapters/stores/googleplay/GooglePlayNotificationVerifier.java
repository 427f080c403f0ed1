package io.playerbase.adapters.stores.googleplay;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Google Play real-time developer notifications, as Pub/Sub pushes them:
 * {@code {"message": {"data": base64(DeveloperNotification), "messageId": …}, "subscription": …}}.
 * The push is authenticated first; the notification only says that something happened, so the purchase
 * is re-read from the Developer API. A voided purchase is reported revoked at the event time, for the
 * voided order id.
 */
final class GooglePlayNotificationVerifier implements StoreNotificationVerifier {

    private static final Map<Long, String> ONE_TIME_TYPES = Map.of(
            1L, "ONE_TIME_PRODUCT_PURCHASED",
            2L, "ONE_TIME_PRODUCT_CANCELED");
    private static final Map<Long, String> SUBSCRIPTION_TYPES = Map.ofEntries(
            Map.entry(1L, "SUBSCRIPTION_RECOVERED"), Map.entry(2L, "SUBSCRIPTION_RENEWED"),
            Map.entry(3L, "SUBSCRIPTION_CANCELED"), Map.entry(4L, "SUBSCRIPTION_PURCHASED"),
            Map.entry(5L, "SUBSCRIPTION_ON_HOLD"), Map.entry(6L, "SUBSCRIPTION_IN_GRACE_PERIOD"),
            Map.entry(7L, "SUBSCRIPTION_RESTARTED"), Map.entry(8L, "SUBSCRIPTION_PRICE_CHANGE_CONFIRMED"),
            Map.entry(9L, "SUBSCRIPTION_DEFERRED"), Map.entry(10L, "SUBSCRIPTION_PAUSED"),
            Map.entry(11L, "SUBSCRIPTION_PAUSE_SCHEDULE_CHANGED"), Map.entry(12L, "SUBSCRIPTION_REVOKED"),
            Map.entry(13L, "SUBSCRIPTION_EXPIRED"), Map.entry(17L, "SUBSCRIPTION_ITEMS_CHANGED"),
            Map.entry(18L, "SUBSCRIPTION_CANCELLATION_SCHEDULED"), Map.entry(19L, "SUBSCRIPTION_PRICE_CHANGE_UPDATED"),
            Map.entry(20L, "SUBSCRIPTION_PENDING_PURCHASE_CANCELED"), Map.entry(22L, "SUBSCRIPTION_PRICE_STEP_UP_CONSENT_UPDATED"));
    /** voidedPurchaseNotification {@code productType}: 1 subscription, 2 one-time product. */
    private static final long VOIDED_SUBSCRIPTION = 1L;

    private final GooglePlaySettings settings;
    private final PubSubPushAuthenticator authenticator;
    private final GooglePlayPurchases purchases;

    GooglePlayNotificationVerifier(GooglePlaySettings settings, PubSubPushAuthenticator authenticator, GooglePlayPurchases purchases) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.purchases = purchases;
    }

    @Override
    public Store store() {
        return Store.GOOGLE_PLAY;
    }

    @Override
    public StoreNotification verify(NotificationDelivery delivery) {
        authenticator.authenticate(delivery.authorization());
        try {
            JsonNode message = JsonFields.object(CompactJws.object(delivery.body()), "message")
                    .orElseThrow(() -> malformed("message is missing"));
            String messageId = JsonFields.text(message, "messageId").or(() -> JsonFields.text(message, "message_id"))
                    .orElseThrow(() -> malformed("message.messageId is missing"));
            String data = JsonFields.text(message, "data").orElseThrow(() -> malformed("message.data is missing"));
            String json = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
            JsonNode notification = CompactJws.object(json);
            String packageName = JsonFields.text(notification, "packageName").orElseThrow(() -> malformed("packageName is missing"));
            if (!settings.packageName().equals(packageName)) {
                throw new RuleViolation("notification-wrong-app", "The notification is for another app: " + packageName);
            }
            Instant sentAt = JsonFields.integerText(notification, "eventTimeMillis").map(Instant::ofEpochMilli)
                    .orElseThrow(() -> malformed("eventTimeMillis is missing"));
            Event event = event(notification, sentAt);
            return new StoreNotification(Store.GOOGLE_PLAY, messageId, event.type(), null, sentAt,
                    event.purchase() == null ? null : event.purchase().environment(), event.purchase(), null, json);
        } catch (CompactJws.Malformed | JsonFields.WrongType | IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private Event event(JsonNode notification, Instant sentAt) {
        Optional<JsonNode> oneTime = JsonFields.object(notification, "oneTimeProductNotification");
        if (oneTime.isPresent()) {
            long type = JsonFields.integer(oneTime.get(), "notificationType").orElseThrow(() -> malformed("notificationType is missing"));
            String sku = JsonFields.text(oneTime.get(), "sku").orElseThrow(() -> malformed("sku is missing"));
            String token = token(oneTime.get());
            return new Event(ONE_TIME_TYPES.getOrDefault(type, "ONE_TIME_PRODUCT_" + type),
                    purchases.product(sku, token).map(GooglePlayPurchases.ProductRead::purchase).orElse(null));
        }
        Optional<JsonNode> subscription = JsonFields.object(notification, "subscriptionNotification");
        if (subscription.isPresent()) {
            long type = JsonFields.integer(subscription.get(), "notificationType").orElseThrow(() -> malformed("notificationType is missing"));
            String name = SUBSCRIPTION_TYPES.getOrDefault(type, "SUBSCRIPTION_" + type);
            VerifiedPurchase purchase = purchases.subscription(JsonFields.text(subscription.get(), "subscriptionId").orElse(null),
                    token(subscription.get())).orElse(null);
            return new Event(name, purchase != null && name.equals("SUBSCRIPTION_REVOKED") ? revoked(purchase, null, sentAt) : purchase);
        }
        Optional<JsonNode> voided = JsonFields.object(notification, "voidedPurchaseNotification");
        if (voided.isPresent()) {
            String token = token(voided.get());
            String orderId = JsonFields.text(voided.get(), "orderId").orElse(null);
            // Google keeps voided purchases readable; if it forgot this one, the raw payload still names it for support.
            Optional<VerifiedPurchase> purchase = JsonFields.integer(voided.get(), "productType").orElse(0L) == VOIDED_SUBSCRIPTION
                    ? purchases.subscription(null, token)
                    : purchases.productIdOf(token).flatMap(sku -> purchases.product(sku, token)).map(GooglePlayPurchases.ProductRead::purchase);
            return new Event("VOIDED_PURCHASE", purchase.map(p -> revoked(p, orderId, sentAt)).orElse(null));
        }
        if (JsonFields.object(notification, "testNotification").isPresent()) {
            return new Event("TEST", null);
        }
        return new Event("UNKNOWN", null);
    }

    /** The purchase as revoked at the event; for a voided order, that order (a subscription's renewal, say). */
    private static VerifiedPurchase revoked(VerifiedPurchase p, String orderId, Instant at) {
        return new VerifiedPurchase(p.store(), orderId == null ? p.storeTransactionId() : orderId, p.originalTransactionId(), p.sku(),
                p.kind(), p.quantity(), p.purchasedAt(), p.expiresAt(), p.autoRenew(), p.environment(),
                VerifiedPurchase.StoreState.REVOKED, at, p.linkedPurchaseToken(), p.accountHint(), p.rawPayload());
    }

    private static String token(JsonNode part) {
        return JsonFields.text(part, "purchaseToken").filter(t -> !t.isEmpty()).orElseThrow(() -> malformed("purchaseToken is missing"));
    }

    private static DomainException malformed(String why) {
        return new InvalidValue("notification-malformed", "The notification cannot be read: " + why,
                List.of(new DomainException.FieldError("message", why)));
    }

    private record Event(String type, VerifiedPurchase purchase) {
    }
}
