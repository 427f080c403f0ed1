package io.playerbase.adapters.stores.googleplay;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Google Play adapters reach Google and what they accept.
 *
 * @param packageName             the app's package name ({@code PLAYERBASE_IAP_GOOGLE_PACKAGE_NAME})
 * @param serviceAccount          the key the Developer API is called with
 * @param apiBaseUrl              {@code https://androidpublisher.googleapis.com} (a local fake in tests)
 * @param tokenUrl                the OAuth2 token endpoint; the key file's {@code token_uri} unless overridden
 * @param pushAudience            the audience the Pub/Sub push subscription puts in its OIDC token; null: no push endpoint
 * @param pushServiceAccountEmail the service account the push subscription signs its tokens as
 * @param jwksUrl                 Google's OIDC signing keys, {@code https://www.googleapis.com/oauth2/v3/certs}
 * @param timeout                 for each HTTP call to Google
 */
public record GooglePlaySettings(String packageName,
                                 ServiceAccountKey serviceAccount,
                                 URI apiBaseUrl,
                                 URI tokenUrl,
                                 String pushAudience,
                                 String pushServiceAccountEmail,
                                 URI jwksUrl,
                                 Duration timeout) {

    public GooglePlaySettings {
        if (packageName == null || packageName.isBlank()) {
            throw new IllegalArgumentException("the Google Play package name is required");
        }
        Objects.requireNonNull(serviceAccount, "the Google Play service-account key is required");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        tokenUrl = tokenUrl == null ? serviceAccount.tokenUri() : tokenUrl;
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(timeout, "timeout");
        if ((pushAudience == null) != (pushServiceAccountEmail == null)) {
            throw new IllegalArgumentException("the push audience and the push service-account email go together");
        }
    }

    public boolean pushConfigured() {
        return pushAudience != null;
    }
}
