package io.playerbase.bootstrap.purchase;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code playerbase.iap.test-store.*} (defaults and environment names in application.yml).
 *
 * @param enabled {@code PLAYERBASE_IAP_TEST_STORE_ENABLED}: the test store exists only when true
 * @param key     {@code PLAYERBASE_IAP_TEST_STORE_KEY}: the receipts' HMAC key, 32+ characters; empty:
 *                derived from the master key
 */
@ConfigurationProperties("playerbase.iap.test-store")
public record TestStoreProperties(boolean enabled, @Nullable String key) {
}
