package io.playerbase.adapters.stores.googleplay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.Unavailable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Purchases read from the Developer API, as {@link VerifiedPurchase}s. The raw payload is our envelope
 * {@code {packageName, productId, purchaseToken, kind, purchase: <Google's answer>}}: Google's answer
 * alone does not always name the token, and acknowledging needs it.
 */
final class GooglePlayPurchases {

    /** products.get {@code purchaseState}: 0 purchased, 1 canceled, 2 pending. */
    private static final int PURCHASED = 0;
    private static final int CANCELED = 1;
    private static final int PENDING = 2;

    private final GooglePlaySettings settings;
    private final GooglePlayApi api;

    GooglePlayPurchases(GooglePlaySettings settings, GooglePlayApi api) {
        this.settings = settings;
        this.api = api;
    }

    /** A one-time product and whether it was consumed already; empty when Google does not know the token. */
    Optional<ProductRead> product(String sku, String purchaseToken) {
        return api.product(sku, purchaseToken).map(answer -> {
            try {
                JsonFields.text(answer, "productId").filter(id -> !id.equals(sku)).ifPresent(id -> {
                    throw otherProduct(sku);
                });
                int state = Math.toIntExact(JsonFields.integer(answer, "purchaseState")
                        .orElseThrow(() -> new JsonFields.WrongType("purchaseState", "present")));
                String orderId = JsonFields.text(answer, "orderId").filter(id -> !id.isEmpty()).orElse(purchaseToken);
                VerifiedPurchase purchase = new VerifiedPurchase(Store.GOOGLE_PLAY,
                        orderId,
                        orderId,
                        sku,
                        ProductKind.CREDITS_PACK,
                        Math.toIntExact(JsonFields.integer(answer, "quantity").orElse(1L)),
                        JsonFields.integerText(answer, "purchaseTimeMillis").map(Instant::ofEpochMilli)
                                .orElseThrow(() -> new JsonFields.WrongType("purchaseTimeMillis", "present")),
                        null,
                        null,
                        // purchaseType 0: a licence tester's purchase, never charged.
                        JsonFields.integer(answer, "purchaseType").filter(type -> type == 0).isPresent() ? "Test" : "Production",
                        switch (state) {
                            case PURCHASED -> VerifiedPurchase.StoreState.PURCHASED;
                            case PENDING -> VerifiedPurchase.StoreState.PENDING;
                            case CANCELED -> VerifiedPurchase.StoreState.REVOKED;
                            default -> throw new JsonFields.WrongType("purchaseState", "0, 1 or 2");
                        },
                        null,
                        null,
                        JsonFields.text(answer, "obfuscatedExternalAccountId").orElse(null),
                        envelope(sku, purchaseToken, ProductKind.CREDITS_PACK, answer));
                return new ProductRead(purchase, JsonFields.integer(answer, "consumptionState").orElse(0L) == 1L);
            } catch (JsonFields.WrongType | ArithmeticException | IllegalArgumentException e) {
                throw unexpected(e);
            }
        });
    }

    /** The SKU of a one-time purchase token, for notifications that name none. */
    Optional<String> productIdOf(String purchaseToken) {
        return api.productV2(purchaseToken).flatMap(answer -> {
            JsonNode items = answer.get("productLineItem");
            if (items == null || !items.isArray() || items.isEmpty()) {
                return Optional.empty();
            }
            return JsonFields.text(items.get(0), "productId");
        });
    }

    /** A subscription; {@code sku} null takes its first line item. Empty when Google does not know the token. */
    Optional<VerifiedPurchase> subscription(String sku, String purchaseToken) {
        return api.subscription(purchaseToken).map(answer -> {
            try {
                JsonNode item = lineItem(answer, sku);
                String productId = JsonFields.text(item, "productId").orElseThrow();
                String state = JsonFields.text(answer, "subscriptionState").orElse("SUBSCRIPTION_STATE_UNSPECIFIED");
                String orderId = JsonFields.text(item, "latestSuccessfulOrderId")
                        .or(() -> JsonFields.text(answer, "latestOrderId")).filter(id -> !id.isEmpty()).orElse(purchaseToken);
                Boolean autoRenew = JsonFields.object(item, "autoRenewingPlan")
                        .map(plan -> JsonFields.bool(plan, "autoRenewEnabled").orElse(false)).orElse(null);
                return new VerifiedPurchase(Store.GOOGLE_PLAY,
                        orderId,
                        purchaseToken,
                        productId,
                        ProductKind.SUBSCRIPTION,
                        1,
                        time(answer, "startTime").orElseThrow(() -> new JsonFields.WrongType("startTime", "present")),
                        time(item, "expiryTime").orElse(null),
                        autoRenew,
                        JsonFields.object(answer, "testPurchase").isPresent() ? "Test" : "Production",
                        state.equals("SUBSCRIPTION_STATE_PENDING") || state.equals("SUBSCRIPTION_STATE_PENDING_PURCHASE_CANCELED")
                                ? VerifiedPurchase.StoreState.PENDING : VerifiedPurchase.StoreState.PURCHASED,
                        null,
                        JsonFields.text(answer, "linkedPurchaseToken").orElse(null),
                        JsonFields.object(answer, "externalAccountIdentifiers")
                                .flatMap(ids -> JsonFields.text(ids, "obfuscatedExternalAccountId")).orElse(null),
                        envelope(productId, purchaseToken, ProductKind.SUBSCRIPTION, answer));
            } catch (JsonFields.WrongType | NoSuchElementException | IllegalArgumentException e) {
                throw unexpected(e);
            }
        });
    }

    /** Whether Google has the purchase of this envelope as acknowledged. */
    boolean acknowledged(Envelope envelope) {
        if (envelope.kind() == ProductKind.SUBSCRIPTION) {
            return api.subscription(envelope.purchaseToken())
                    .flatMap(answer -> JsonFields.text(answer, "acknowledgementState"))
                    .filter("ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED"::equals).isPresent();
        }
        return api.product(envelope.productId(), envelope.purchaseToken())
                .flatMap(answer -> JsonFields.integer(answer, "acknowledgementState"))
                .filter(state -> state == 1L).isPresent();
    }

    private static JsonNode lineItem(JsonNode answer, String sku) {
        JsonNode items = answer.get("lineItems");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new JsonFields.WrongType("lineItems", "a non-empty array");
        }
        for (JsonNode item : items) {
            if (sku == null || sku.equals(JsonFields.text(item, "productId").orElse(null))) {
                return item;
            }
        }
        throw otherProduct(sku);
    }

    private static RuleViolation otherProduct(String sku) {
        return new RuleViolation("receipt-invalid", "The Google Play purchase token is not for " + sku);
    }

    private static Optional<Instant> time(JsonNode object, String field) {
        try {
            return JsonFields.text(object, field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new JsonFields.WrongType(field, "an RFC 3339 time");
        }
    }

    private String envelope(String sku, String purchaseToken, ProductKind kind, JsonNode answer) {
        ObjectNode envelope = CompactJws.JSON.createObjectNode();
        envelope.put("packageName", settings.packageName());
        envelope.put("productId", sku);
        envelope.put("purchaseToken", purchaseToken);
        envelope.put("kind", kind.wireName());
        envelope.set("purchase", answer);
        try {
            return CompactJws.JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Envelope envelopeOf(VerifiedPurchase purchase) {
        JsonNode envelope = CompactJws.object(purchase.rawPayload());
        return new Envelope(JsonFields.text(envelope, "productId").orElseThrow(),
                JsonFields.text(envelope, "purchaseToken").orElseThrow(),
                "subscription".equals(JsonFields.text(envelope, "kind").orElse(null)) ? ProductKind.SUBSCRIPTION : ProductKind.CREDITS_PACK);
    }

    private static Unavailable unexpected(RuntimeException e) {
        return new Unavailable("store-unavailable", "Google Play gave an answer we cannot read: " + e.getMessage(), e);
    }

    record ProductRead(VerifiedPurchase purchase, boolean consumed) {
    }

    record Envelope(String productId, String purchaseToken, ProductKind kind) {
    }
}
