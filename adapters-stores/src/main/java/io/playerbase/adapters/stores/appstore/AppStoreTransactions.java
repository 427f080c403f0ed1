package io.playerbase.adapters.stores.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.VerifiedPurchase;

import java.time.Instant;

/**
 * Verified StoreKit 2 transactions and renewal info, checked against our app: the chain and signature
 * ({@link AppleSignedData}), then {@code bundleId} and {@code environment}. Shared by the receipt and
 * the notification verifiers, so a transaction inside a notification is held to the same rules.
 */
final class AppStoreTransactions {

    /** A signed transaction is about 3 KB; this leaves room and refuses huge inputs before any parsing. */
    static final int MAX_SIGNED_TRANSACTION = 16 * 1024;

    private final AppleSignedData signedData;
    private final AppStoreSettings settings;

    AppStoreTransactions(AppleSignedData signedData, AppStoreSettings settings) {
        this.signedData = signedData;
        this.settings = settings;
    }

    VerifiedPurchase transaction(String signedTransaction, Boolean autoRenew, Refusals refusals) {
        CompactJws jws = signedData.verify(signedTransaction, MAX_SIGNED_TRANSACTION, refusals);
        JsonNode tx = jws.payload();
        try {
            String bundleId = JsonFields.text(tx, "bundleId").orElseThrow(() -> refusals.malformed("bundleId is missing"));
            if (!settings.bundleId().equals(bundleId)) {
                throw refusals.wrongApp("bundleId " + bundleId);
            }
            String environment = acceptedEnvironment(tx, refusals);
            String transactionId = required(tx, "transactionId", refusals);
            String type = required(tx, "type", refusals);
            Instant revokedAt = JsonFields.epochMillis(tx, "revocationDate").orElse(null);
            return new VerifiedPurchase(Store.APP_STORE,
                    transactionId,
                    JsonFields.text(tx, "originalTransactionId").orElse(transactionId),
                    required(tx, "productId", refusals),
                    kind(type),
                    Math.toIntExact(JsonFields.integer(tx, "quantity").orElse(1L)),
                    JsonFields.epochMillis(tx, "purchaseDate").orElseThrow(() -> refusals.malformed("purchaseDate is missing")),
                    JsonFields.epochMillis(tx, "expiresDate").orElse(null),
                    autoRenew,
                    environment,
                    revokedAt == null ? VerifiedPurchase.StoreState.PURCHASED : VerifiedPurchase.StoreState.REVOKED,
                    revokedAt,
                    null,
                    JsonFields.text(tx, "appAccountToken").orElse(null),
                    jws.payloadJson());
        } catch (JsonFields.WrongType | ArithmeticException | IllegalArgumentException e) {
            throw refusals.malformed(e.getMessage());
        }
    }

    /** The verified renewal info payload (checked for its environment; Apple puts no bundle id in it). */
    CompactJws renewalInfo(String signedRenewalInfo, Refusals refusals) {
        CompactJws jws = signedData.verify(signedRenewalInfo, MAX_SIGNED_TRANSACTION, refusals);
        try {
            acceptedEnvironment(jws.payload(), refusals);
        } catch (JsonFields.WrongType e) {
            throw refusals.malformed(e.getMessage());
        }
        return jws;
    }

    String acceptedEnvironment(JsonNode payload, Refusals refusals) {
        String environment = JsonFields.text(payload, "environment").orElseThrow(() -> refusals.malformed("environment is missing"));
        if (!settings.environments().contains(environment)) {
            throw refusals.wrongEnvironment(environment);
        }
        return environment;
    }

    private static String required(JsonNode tx, String field, Refusals refusals) {
        return JsonFields.text(tx, field).filter(value -> !value.isEmpty())
                .orElseThrow(() -> refusals.malformed(field + " is missing"));
    }

    /** Apple's {@code type}: consumables and non-consumables are packs, both subscription kinds subscriptions. */
    private static ProductKind kind(String type) {
        return switch (type) {
            case "Consumable", "Non-Consumable" -> ProductKind.CREDITS_PACK;
            case "Auto-Renewable Subscription", "Non-Renewing Subscription" -> ProductKind.SUBSCRIPTION;
            default -> throw new IllegalArgumentException("unknown transaction type " + type);
        };
    }
}
