package io.playerbase.domain.purchase;

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
}
