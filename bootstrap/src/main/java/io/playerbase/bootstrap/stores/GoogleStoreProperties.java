package io.playerbase.bootstrap.stores;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code playerbase.iap.google.*} (defaults and environment names in application.yml).
 *
 * @param packageName             {@code PLAYERBASE_IAP_GOOGLE_PACKAGE_NAME}; empty: no Google Play verifier at all
 * @param serviceAccountKey       the service-account key JSON itself (secret file
 *                                {@code playerbase_iap_google_service_account_key} or Vault)
 * @param serviceAccountKeyFile   {@code PLAYERBASE_IAP_GOOGLE_SERVICE_ACCOUNT_KEY_FILE}: or a path to that JSON file
 * @param apiBaseUrl              {@code PLAYERBASE_IAP_GOOGLE_API_BASE_URL}
 * @param tokenUrl                {@code PLAYERBASE_IAP_GOOGLE_TOKEN_URL}; empty: the key file's {@code token_uri}
 * @param pushAudience            {@code PLAYERBASE_IAP_GOOGLE_PUSH_AUDIENCE}; empty: the RTDN endpoint has no verifier
 * @param pushServiceAccountEmail {@code PLAYERBASE_IAP_GOOGLE_PUSH_SERVICE_ACCOUNT_EMAIL}
 * @param jwksUrl                 {@code PLAYERBASE_IAP_GOOGLE_JWKS_URL}
 * @param timeout                 each HTTP call to Google
 */
@ConfigurationProperties("playerbase.iap.google")
public record GoogleStoreProperties(@Nullable String packageName,
                                    @Nullable String serviceAccountKey,
                                    @Nullable String serviceAccountKeyFile,
                                    @Nullable String apiBaseUrl,
                                    @Nullable String tokenUrl,
                                    @Nullable String pushAudience,
                                    @Nullable String pushServiceAccountEmail,
                                    @Nullable String jwksUrl,
                                    @Nullable Duration timeout) {
}
