package io.playerbase.bootstrap.stores;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.playerbase.adapters.stores.appstore.AppStore;
import io.playerbase.adapters.stores.appstore.AppStoreSettings;
import io.playerbase.adapters.stores.googleplay.GooglePlay;
import io.playerbase.adapters.stores.googleplay.GooglePlaySettings;
import io.playerbase.adapters.stores.googleplay.ServiceAccountKey;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store adapters, one {@link ReceiptVerifier} and one {@link StoreNotificationVerifier} per
 * configured store, named by the store's wire name. A store that is not configured has no bean: the
 * purchases module answers its requests with a problem saying so. A store that is configured wrongly
 * stops the service at start, not at the first purchase.
 */
@Factory
final class StoresFactory {

    private static final String APPLE_CONFIGURED = "playerbase.iap.apple.bundle-id";
    private static final String GOOGLE_CONFIGURED = "playerbase.iap.google.package-name";
    private static final String GOOGLE_PUSH_CONFIGURED = "playerbase.iap.google.push-audience";

    @Context
    @Requires(property = APPLE_CONFIGURED, pattern = ".+")
    AppStore appStore(AppleStoreProperties properties, Clock clock) {
        try {
            List<Path> extraRoots = list(properties.rootCertificates()).stream().map(Path::of).toList();
            Long appAppleId = blank(properties.appAppleId()) ? null : Long.valueOf(properties.appAppleId().strip());
            Set<String> environments = Set.copyOf(list(properties.environments() == null ? "Production" : properties.environments()));
            return new AppStore(new AppStoreSettings(properties.bundleId().strip(), environments, appAppleId,
                    AppStoreSettings.appleRootAnd(extraRoots)), clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("App Store configuration (playerbase.iap.apple.*): " + e.getMessage(), e);
        }
    }

    @Singleton
    @Named("app_store")
    @Requires(property = APPLE_CONFIGURED, pattern = ".+")
    ReceiptVerifier appStoreReceipts(AppStore appStore) {
        return appStore.receiptVerifier();
    }

    @Singleton
    @Named("app_store")
    @Requires(property = APPLE_CONFIGURED, pattern = ".+")
    StoreNotificationVerifier appStoreNotifications(AppStore appStore) {
        return appStore.notificationVerifier();
    }

    @Context
    @Requires(property = GOOGLE_CONFIGURED, pattern = ".+")
    GooglePlay googlePlay(GoogleStoreProperties properties, Clock clock) {
        try {
            GooglePlaySettings settings = new GooglePlaySettings(properties.packageName().strip(),
                    ServiceAccountKey.fromJson(serviceAccountKey(properties)),
                    URI.create(orDefault(properties.apiBaseUrl(), "https://androidpublisher.googleapis.com")),
                    blank(properties.tokenUrl()) ? null : URI.create(properties.tokenUrl().strip()),
                    blank(properties.pushAudience()) ? null : properties.pushAudience().strip(),
                    blank(properties.pushServiceAccountEmail()) ? null : properties.pushServiceAccountEmail().strip(),
                    URI.create(orDefault(properties.jwksUrl(), "https://www.googleapis.com/oauth2/v3/certs")),
                    properties.timeout() == null ? Duration.ofSeconds(10) : properties.timeout());
            return new GooglePlay(settings, clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Google Play configuration (playerbase.iap.google.*): " + e.getMessage(), e);
        }
    }

    @Singleton
    @Named("google_play")
    @Requires(property = GOOGLE_CONFIGURED, pattern = ".+")
    ReceiptVerifier googlePlayReceipts(GooglePlay googlePlay) {
        return googlePlay.receiptVerifier();
    }

    @Singleton
    @Named("google_play")
    @Requires(property = GOOGLE_CONFIGURED, pattern = ".+")
    @Requires(property = GOOGLE_PUSH_CONFIGURED, pattern = ".+")
    StoreNotificationVerifier googlePlayNotifications(GooglePlay googlePlay) {
        return googlePlay.notificationVerifier().orElseThrow(() -> new ConfigurationException(
                "playerbase.iap.google.push-audience needs playerbase.iap.google.push-service-account-email"));
    }

    private static String serviceAccountKey(GoogleStoreProperties properties) {
        if (!blank(properties.serviceAccountKey())) {
            return properties.serviceAccountKey();
        }
        if (blank(properties.serviceAccountKeyFile())) {
            throw new IllegalArgumentException("no service-account key: set PLAYERBASE_IAP_GOOGLE_SERVICE_ACCOUNT_KEY_FILE "
                    + "or the secret playerbase_iap_google_service_account_key");
        }
        try {
            return Files.readString(Path.of(properties.serviceAccountKeyFile().strip()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the service-account key file " + properties.serviceAccountKeyFile(), e);
        }
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orDefault(String value, String fallback) {
        return blank(value) ? fallback : value.strip();
    }
}
