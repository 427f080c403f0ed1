package io.playerbase.bootstrap.stores;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code playerbase.iap.apple.*} (defaults and environment names in application.yml).
 *
 * @param bundleId         {@code PLAYERBASE_IAP_APPLE_BUNDLE_ID}; empty: no App Store verifier at all
 * @param environments     {@code PLAYERBASE_IAP_APPLE_ENVIRONMENTS}, comma-separated, default {@code Production}
 * @param appAppleId       {@code PLAYERBASE_IAP_APPLE_APP_APPLE_ID}, required with {@code Production}
 * @param rootCertificates {@code PLAYERBASE_IAP_APPLE_ROOT_CERTIFICATES}: comma-separated DER or PEM files
 *                         trusted besides the bundled Apple Root CA G3
 */
@ConfigurationProperties("playerbase.iap.apple")
public record AppleStoreProperties(@Nullable String bundleId,
                                   @Nullable String environments,
                                   @Nullable String appAppleId,
                                   @Nullable String rootCertificates) {
}
