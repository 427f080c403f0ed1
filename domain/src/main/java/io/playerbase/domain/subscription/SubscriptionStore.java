package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.InvalidValue;

/**
 * The store a subscription was bought in; {@link #wireName()} is spelled as the purchase module spells
 * its stores ({@code app_store}, {@code google_play}, {@code test}), so the two modules name a store
 * alike without depending on each other.
 */
public enum SubscriptionStore {
    APP_STORE("app_store"),
    GOOGLE_PLAY("google_play"),
    TEST("test");

    private final String wireName;

    SubscriptionStore(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SubscriptionStore fromWireName(String name) {
        for (SubscriptionStore store : values()) {
            if (store.wireName.equals(name)) {
                return store;
            }
        }
        throw new InvalidValue("store", "unknown store " + name);
    }
}
