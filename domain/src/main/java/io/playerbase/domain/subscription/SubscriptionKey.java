package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Objects;

/**
 * Which subscription a store event belongs to: one per App Store original transaction id, one per
 * Google Play purchase-token chain (named by its first token), one per test-store transaction.
 * {@link #id()} is its stored id, {@code <store>:<chain>}.
 */
public record SubscriptionKey(SubscriptionStore store, String chain) {

    /** Google tokens are a few hundred characters; Apple ids about 16 digits. */
    public static final int MAX_CHAIN = 4096;

    public SubscriptionKey {
        Objects.requireNonNull(store, "store");
        if (chain == null || chain.isEmpty() || chain.length() > MAX_CHAIN
                || !chain.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new InvalidValue("subscription", "a store's subscription id must be 1-" + MAX_CHAIN + " visible ASCII characters");
        }
    }

    public String id() {
        return store.wireName() + ":" + chain;
    }

    /** The key of a stored id. */
    public static SubscriptionKey parse(String id) {
        int colon = id == null ? -1 : id.indexOf(':');
        if (colon < 1) {
            throw new InvalidValue("subscription", "not a subscription id");
        }
        return new SubscriptionKey(SubscriptionStore.fromWireName(id.substring(0, colon)), id.substring(colon + 1));
    }

    @Override
    public String toString() {
        return id();
    }
}
