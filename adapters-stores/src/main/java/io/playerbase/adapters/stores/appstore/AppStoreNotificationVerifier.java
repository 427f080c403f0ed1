package io.playerbase.adapters.stores.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.purchase.VerifiedPurchase;

import java.util.Objects;
import java.util.Optional;

/**
 * App Store Server Notifications V2: the body {@code {"signedPayload": "<JWS>"}}. The outer JWS and the
 * {@code signedTransactionInfo} and {@code signedRenewalInfo} inside it are verified like receipts;
 * the app is checked by {@code bundleId} and, for production notifications, {@code appAppleId}.
 */
final class AppStoreNotificationVerifier implements StoreNotificationVerifier {

    /** Three nested JWS of about 3 KB each, base64url-encoded once more inside the outer one. */
    static final int MAX_SIGNED_PAYLOAD = 64 * 1024;

    private final AppleSignedData signedData;
    private final AppStoreTransactions transactions;
    private final AppStoreSettings settings;

    AppStoreNotificationVerifier(AppleSignedData signedData, AppStoreTransactions transactions, AppStoreSettings settings) {
        this.signedData = signedData;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public Store store() {
        return Store.APP_STORE;
    }

    @Override
    public StoreNotification verify(NotificationDelivery delivery) {
        Refusals refusals = Refusals.NOTIFICATION;
        String signedPayload = signedPayload(delivery.body(), refusals);
        CompactJws jws = signedData.verify(signedPayload, MAX_SIGNED_PAYLOAD, refusals);
        JsonNode payload = jws.payload();
        try {
            AppScope scope = scope(payload, refusals);
            if (!settings.bundleId().equals(scope.bundleId())) {
                throw refusals.wrongApp("bundleId " + scope.bundleId());
            }
            if (scope.environment() == null) {
                throw refusals.malformed("the notification names no environment");
            }
            if (!settings.environments().contains(scope.environment())) {
                throw refusals.wrongEnvironment(scope.environment());
            }
            if (AppStoreSettings.PRODUCTION.equals(scope.environment()) && !Objects.equals(settings.appAppleId(), scope.appAppleId())) {
                throw refusals.wrongApp("appAppleId " + scope.appAppleId());
            }
            Optional<JsonNode> data = JsonFields.object(payload, "data");
            CompactJws renewal = data.flatMap(d -> JsonFields.text(d, "signedRenewalInfo"))
                    .map(signed -> transactions.renewalInfo(signed, refusals))
                    .orElse(null);
            Boolean autoRenew = renewal == null ? null
                    : JsonFields.integer(renewal.payload(), "autoRenewStatus").map(status -> status == 1).orElse(null);
            VerifiedPurchase purchase = data.flatMap(d -> JsonFields.text(d, "signedTransactionInfo"))
                    .map(signed -> transactions.transaction(signed, autoRenew, refusals))
                    .orElse(null);
            return new StoreNotification(Store.APP_STORE,
                    JsonFields.text(payload, "notificationUUID").orElseThrow(() -> refusals.malformed("notificationUUID is missing")),
                    JsonFields.text(payload, "notificationType").orElseThrow(() -> refusals.malformed("notificationType is missing")),
                    JsonFields.text(payload, "subtype").orElse(null),
                    JsonFields.epochMillis(payload, "signedDate").orElseThrow(() -> refusals.malformed("signedDate is missing")),
                    scope.environment(),
                    purchase,
                    renewal == null ? null : renewal.payloadJson(),
                    jws.payloadJson());
        } catch (JsonFields.WrongType e) {
            throw refusals.malformed(e.getMessage());
        }
    }

    private static String signedPayload(String body, Refusals refusals) {
        JsonNode envelope;
        try {
            envelope = CompactJws.object(body);
        } catch (CompactJws.Malformed e) {
            throw refusals.malformed("the body is not a JSON object");
        }
        try {
            return JsonFields.text(envelope, "signedPayload").orElseThrow(() -> refusals.malformed("signedPayload is missing"));
        } catch (JsonFields.WrongType e) {
            throw refusals.malformed(e.getMessage());
        }
    }

    /** Which app and environment a notification is about: from {@code data}, {@code summary}, {@code externalPurchaseToken} or {@code appData}. */
    private static AppScope scope(JsonNode payload, Refusals refusals) {
        for (String section : new String[]{"data", "summary", "appData"}) {
            Optional<JsonNode> part = JsonFields.object(payload, section);
            if (part.isPresent()) {
                return new AppScope(JsonFields.text(part.get(), "bundleId").orElse(null),
                        JsonFields.integer(part.get(), "appAppleId").orElse(null),
                        JsonFields.text(part.get(), "environment").orElse(null));
            }
        }
        Optional<JsonNode> token = JsonFields.object(payload, "externalPurchaseToken");
        if (token.isPresent()) {
            // Apple marks sandbox tokens by the id's prefix only.
            boolean sandbox = JsonFields.text(token.get(), "externalPurchaseId").filter(id -> id.startsWith("SANDBOX")).isPresent();
            return new AppScope(JsonFields.text(token.get(), "bundleId").orElse(null),
                    JsonFields.integer(token.get(), "appAppleId").orElse(null),
                    sandbox ? "Sandbox" : AppStoreSettings.PRODUCTION);
        }
        throw refusals.malformed("the notification names no app (no data, summary, externalPurchaseToken or appData)");
    }

    private record AppScope(String bundleId, Long appAppleId, String environment) {
    }
}
