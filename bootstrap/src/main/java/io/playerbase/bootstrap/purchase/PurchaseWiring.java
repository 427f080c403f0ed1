package io.playerbase.bootstrap.purchase;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.playerbase.adapters.crypto.HmacTestStore;
import io.playerbase.adapters.crypto.KeyRing;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * The test store (docs/purchases.md): a bean only when {@code PLAYERBASE_IAP_TEST_STORE_ENABLED=true}.
 * Its HMAC key is {@code PLAYERBASE_IAP_TEST_STORE_KEY} (at least 32 characters, e.g. from a secret
 * file) or, when unset, derived from the master key. The purchase service refuses it on a production
 * database whatever this says.
 */
@Factory
final class PurchaseWiring {

    @Singleton
    @Requires(property = "playerbase.iap.test-store.enabled", value = "true")
    HmacTestStore testStore(KeyRing ring, TestStoreProperties properties) {
        String key = properties.key();
        if (key == null || key.isBlank()) {
            return HmacTestStore.derivedFrom(ring);
        }
        byte[] bytes = key.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("playerbase.iap.test-store.key must be at least 32 characters");
        }
        return new HmacTestStore(bytes);
    }
}
