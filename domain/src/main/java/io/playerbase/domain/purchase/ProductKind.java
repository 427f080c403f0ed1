package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;

import java.util.Arrays;
import java.util.List;

/** What a product is: a one-time pack of credits, or a subscription that grants an entitlement. */
public enum ProductKind {
    CREDITS_PACK("credits_pack"),
    SUBSCRIPTION("subscription");

    private final String wireName;

    ProductKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ProductKind fromWireName(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidValue("kind-unknown", "Unknown kind: use credits_pack or subscription",
                        List.of(new DomainException.FieldError("kind", "must be credits_pack or subscription"))));
    }
}
