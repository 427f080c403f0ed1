package io.playerbase.adapters.stores.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.subscription.AppStoreFacts;
import io.playerbase.domain.subscription.GooglePlayFacts;
import io.playerbase.domain.subscription.SubscriptionPayloads;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link SubscriptionPayloads} over the JSON the store verifiers kept: App Store signed transaction,
 * renewal info and notification payloads (their signatures were checked when they arrived), and the
 * purchase module's envelope of a Google Play {@code subscriptionsv2} answer. A field the store left
 * out, or wrote with another type than documented, reads as absent: the verifiers already refused
 * payloads whose essential fields were wrong.
 */
public final class StoreSubscriptionPayloads implements SubscriptionPayloads {

    @Override
    public AppStoreFacts appStore(String transaction, String renewalInfo, String notification) {
        JsonNode tx = CompactJws.object(transaction);
        JsonNode renewal = renewalInfo == null ? null : CompactJws.object(renewalInfo);
        Integer status = null;
        if (notification != null) {
            JsonNode data = lenient(() -> JsonFields.object(CompactJws.object(notification), "data")).orElse(null);
            status = data == null ? null : lenient(() -> JsonFields.integer(data, "status")).map(Long::intValue).orElse(null);
        }
        String ownership = text(tx, "inAppOwnershipType");
        String discount = text(tx, "offerDiscountType");
        Long price = lenient(() -> JsonFields.integer(tx, "price")).orElse(null);
        boolean paid = !"FAMILY_SHARED".equals(ownership) && !"FREE_TRIAL".equals(discount) && (price == null || price > 0);
        String transactionId = text(tx, "transactionId");
        Long reason = lenient(() -> JsonFields.integer(tx, "revocationReason")).orElse(null);
        return new AppStoreFacts(status,
                transactionId,
                Optional.ofNullable(text(tx, "originalTransactionId")).orElse(transactionId),
                text(tx, "productId"),
                "Auto-Renewable Subscription".equals(text(tx, "type")),
                millis(tx, "originalPurchaseDate"),
                millis(tx, "purchaseDate"),
                millis(tx, "expiresDate"),
                millis(tx, "revocationDate"),
                reason == null ? null : reason.intValue(),
                paid,
                text(tx, "environment"),
                millis(tx, "signedDate"),
                renewal == null ? null : lenient(() -> JsonFields.integer(renewal, "autoRenewStatus")).map(s -> s == 1).orElse(null),
                renewal == null ? null : text(renewal, "autoRenewProductId"),
                renewal == null ? null : millis(renewal, "gracePeriodExpiresDate"),
                renewal == null ? null : lenient(() -> JsonFields.bool(renewal, "isInBillingRetryPeriod")).orElse(null),
                renewal == null ? null : lenient(() -> JsonFields.integer(renewal, "expirationIntent")).map(Long::intValue).orElse(null));
    }

    @Override
    public GooglePlayFacts googlePlay(String envelope) {
        JsonNode outer = CompactJws.object(envelope);
        JsonNode answer = lenient(() -> JsonFields.object(outer, "purchase")).orElseThrow(
                () -> new IllegalArgumentException("not a subscriptionsv2 record"));
        String productId = text(outer, "productId");
        JsonNode item = lineItem(answer, productId);
        Optional<JsonNode> plan = item == null ? Optional.empty() : lenient(() -> JsonFields.object(item, "autoRenewingPlan"));
        boolean freeTrial = item != null && lenient(() -> JsonFields.object(item, "offerPhase"))
                .flatMap(phase -> lenient(() -> JsonFields.object(phase, "freeTrial"))).isPresent();
        String order = item == null ? null : text(item, "latestSuccessfulOrderId");
        return new GooglePlayFacts(text(outer, "purchaseToken"),
                text(answer, "linkedPurchaseToken"),
                text(answer, "subscriptionState"),
                item == null ? productId : Optional.ofNullable(text(item, "productId")).orElse(productId),
                time(answer, "startTime"),
                item == null ? null : time(item, "expiryTime"),
                plan.map(p -> lenient(() -> JsonFields.bool(p, "autoRenewEnabled")).orElse(false)).orElse(null),
                order != null && !order.isEmpty() ? order : Optional.ofNullable(text(answer, "latestOrderId")).filter(o -> !o.isEmpty()).orElse(null),
                !freeTrial,
                lenient(() -> JsonFields.object(answer, "pausedStateContext")).map(p -> time(p, "autoResumeTime")).orElse(null),
                lenient(() -> JsonFields.object(answer, "testPurchase")).isPresent() ? "Test" : "Production");
    }

    private static JsonNode lineItem(JsonNode answer, String productId) {
        JsonNode items = answer.get("lineItems");
        if (items == null || !items.isArray() || items.isEmpty()) {
            return null;
        }
        for (JsonNode item : items) {
            if (item.isObject() && productId != null && productId.equals(item.path("productId").asText(null))) {
                return item;
            }
        }
        return items.get(0).isObject() ? items.get(0) : null;
    }

    private static String text(JsonNode object, String field) {
        return lenient(() -> JsonFields.text(object, field)).orElse(null);
    }

    private static Instant millis(JsonNode object, String field) {
        return lenient(() -> JsonFields.epochMillis(object, field)).orElse(null);
    }

    private static Instant time(JsonNode object, String field) {
        String value = text(object, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <T> Optional<T> lenient(Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (JsonFields.WrongType e) {
            return Optional.empty();
        }
    }
}
