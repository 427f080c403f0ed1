package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;

import java.util.Arrays;
import java.util.List;

/** A store that sells our products; {@link #wireName()} is how the API and the database spell it. */
public enum Store {
    APP_STORE("app_store"),
    GOOGLE_PLAY("google_play"),
    TEST("test");

    private final String wireName;

    Store(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Store fromWireName(String name) {
        return Arrays.stream(values())
                .filter(store -> store.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidValue("store-unknown", "Unknown store: use app_store, google_play or test",
                        List.of(new DomainException.FieldError("store", "unknown store"))));
    }
}
